import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, RecordRule } from '../../engine/types.js';
import { article } from './articles.js';

const short = (hex: string) => (hex.length > 16 ? `${hex.slice(0, 16)}…` : hex || '（空）');
const BYTES = { zh: '字节', en: 'bytes' };
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-17-03',
    article: 17,
    severity: 'high',
    title: '证据包完整、未被篡改',
    titleEn: 'The evidence bundle is complete and unaltered',
    ...article(17),
    evidence: ['manifest.json：文件清单（路径、SHA-256、大小）、签名', '证据包内全部文件'],
    params: {},
    notes:
      '清单列出但缺失、SHA-256 或大小不符、在包内但未列出的文件，以及签名验证失败，均为不合格，每个文件一条证据（签名失败指向 manifest.json）。' +
      '签名算法不受支持、无法验证而文件均一致时为需人工复核；清单未签名不算违规。' +
      '清单签名有效时说明签名密钥是谁的：是审查人员为该运营机构登记的密钥（合格）；该机构已登记密钥而清单由另一把密钥签名时为需人工复核' +
      '（可能是他人重新签名）；无人登记时仍为合格，但写明密钥未登记及其指纹，签名只证明清单签名后未被改动。',
    figures: {
      listed: { kind: 'count', unit: UNITS.files, label: { zh: '清单所列文件', en: 'Files listed' } },
      missing: { kind: 'list', of: { kind: 'text' }, label: { zh: '缺失的文件', en: 'Files missing' } },
      changed: {
        kind: 'table',
        label: { zh: '与清单不符的文件', en: 'Files that differ from the manifest' },
        columns: {
          path: { kind: 'text', label: { zh: '文件', en: 'File' } },
          expected: { kind: 'text', label: { zh: '清单 SHA-256', en: 'SHA-256 in the manifest' } },
          actual: { kind: 'text', label: { zh: '实际 SHA-256', en: 'Actual SHA-256' } },
          expectedBytes: { kind: 'count', unit: BYTES, label: { zh: '清单大小', en: 'Size in the manifest' } },
          actualBytes: { kind: 'count', unit: BYTES, label: { zh: '实际大小', en: 'Actual size' } },
        },
      },
      unlisted: { kind: 'list', of: { kind: 'text' }, label: { zh: '未列入清单的文件', en: 'Files not listed' } },
      signature: { kind: 'enum', names: 'manifestSignature', label: { zh: '清单签名', en: 'Manifest signature' } },
      signatureAlg: { kind: 'text', label: { zh: '签名算法', en: 'Signature algorithm' } },
      signerKeyRegistration: { kind: 'enum', names: 'keyRegistration', label: { zh: '签名密钥', en: 'Signing key' } },
      signerKeyLabel: { kind: 'text', label: { zh: '密钥名称', en: 'Key name' } },
      signerKeyFingerprint: { kind: 'text', label: { zh: '密钥 SHA-256 指纹', en: 'Key SHA-256 fingerprint' } },
    },
  },
  evaluate(ctx) {
    const ig = ctx.records.integrity;
    const byPath: { path: string; reason: string }[] = [];
    for (const p of ig.missing) byPath.push({ path: p, reason: '清单列出但证据包中缺失' });
    for (const c of ig.changed) {
      const parts: string[] = [];
      if (c.expected.toLowerCase() !== c.actual.toLowerCase()) parts.push(`SHA-256 与清单不符（清单 ${short(c.expected)}，实际 ${short(c.actual)}）`);
      if (c.expectedBytes !== c.actualBytes) parts.push(`大小与清单不符（清单 ${c.expectedBytes} 字节，实际 ${c.actualBytes} 字节）`);
      byPath.push({ path: c.path, reason: parts.length ? parts.join('，') : '与清单不符' });
    }
    for (const p of ig.unlisted) byPath.push({ path: p, reason: '在证据包中但清单未列出' });
    byPath.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

    const items: EvidenceItem[] = [];
    const sigInvalid = ig.signature === 'invalid';
    if (sigInvalid) items.push(fileEvidence('manifest.json', `清单签名验证失败${ig.signatureAlg ? `（${ig.signatureAlg}）` : ''}${ig.signatureMessage ? `：${ig.signatureMessage}` : ''}`));
    for (const d of byPath) items.push(fileEvidence(d.path, d.reason));

    const figures = {
      listed: ctx.records.manifest.files?.length ?? 0,
      missing: [...ig.missing],
      changed: ig.changed.map((c) => ({ path: c.path, expected: c.expected, actual: c.actual, expectedBytes: c.expectedBytes, actualBytes: c.actualBytes })),
      unlisted: [...ig.unlisted],
      signature: ig.signature,
      ...(ig.signatureAlg ? { signatureAlg: ig.signatureAlg } : {}),
      ...(ig.signerKey ? { signerKeyFingerprint: ig.signerKey.fingerprintSha256, signerKeyRegistration: ig.signerKey.registration, ...(ig.signerKey.label ? { signerKeyLabel: ig.signerKey.label } : {}) } : {}),
    };
    if (items.length > 0) {
      const parts: string[] = [];
      const partsEn: string[] = [];
      if (ig.missing.length) {
        parts.push(`缺失 ${ig.missing.length} 个`);
        partsEn.push(`${ig.missing.length} missing`);
      }
      if (ig.changed.length) {
        parts.push(`内容与清单不符 ${ig.changed.length} 个`);
        partsEn.push(`${ig.changed.length} changed`);
      }
      if (ig.unlisted.length) {
        parts.push(`未列入清单 ${ig.unlisted.length} 个`);
        partsEn.push(`${ig.unlisted.length} not listed`);
      }
      const paths = byPath.slice(0, 10).map((d) => d.path);
      const diff = byPath.length ? `${byPath.length} 个文件与清单不一致（${parts.join('，')}）：${paths.join('、')}${byPath.length > 10 ? ' 等' : ''}` : '';
      const diffEn = byPath.length ? `${files(byPath.length)} differ${byPath.length === 1 ? 's' : ''} from the manifest (${partsEn.join(', ')}): ${paths.join(', ')}${byPath.length > 10 ? ' and more' : ''}` : '';
      const sig = sigInvalid ? '清单签名验证失败' : ig.signature === 'unsupported' ? '清单签名算法不受支持，未能验证' : '';
      const sigEn = sigInvalid ? 'the manifest signature does not verify' : ig.signature === 'unsupported' ? 'the manifest signature algorithm is not supported and was not verified' : '';
      return {
        status: 'fail',
        message: `证据包完整性不符：${[diff, sig].filter(Boolean).join('；')}。`,
        messageEn: `The bundle is not intact: ${[diffEn, sigEn].filter(Boolean).join('; ')}.`,
        evidence: evidenceOf(ctx.maxEvidence, items),
        figures,
      };
    }
    if (ig.signature === 'unsupported') {
      return {
        status: 'needs_review',
        message: `清单所列文件均存在且哈希一致，但签名算法${ig.signatureAlg ? ` ${ig.signatureAlg} ` : ''}不受支持，无法验证签名，请人工核验。`,
        messageEn: `Every listed file is present with a matching hash, but the signature algorithm${ig.signatureAlg ? ` ${ig.signatureAlg}` : ''} is not supported and the signature could not be verified; please check it by hand.`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('manifest.json', `签名未能验证${ig.signatureMessage ? `：${ig.signatureMessage}` : ''}`)]),
        figures,
      };
    }
    const key = ig.signerKey;
    const intact = `清单列出的 ${figures.listed} 个文件均存在且 SHA-256 一致，没有未列出的文件`;
    const intactEn = figures.listed === 1
      ? 'The one file listed in the manifest is present with matching SHA-256 and none is unlisted'
      : `All ${files(figures.listed)} listed in the manifest are present with matching SHA-256 and none is unlisted`;
    if (ig.signature === 'valid' && key?.registration === 'other-key-registered') {
      return {
        status: 'needs_review',
        message: `${intact}；清单签名有效，但签名密钥不是审查人员为该运营机构登记的密钥（签名密钥 SHA-256 指纹 ${key.fingerprintSha256}）：证据包可能由他人改动后重新签名，请向运营机构核实。`,
        messageEn: `${intactEn}; the manifest signature is valid, but the signing key is not the key registered for this operator (key SHA-256 fingerprint ${key.fingerprintSha256}): someone may have changed the bundle and signed it again; please check with the operator.`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('manifest.json', `清单由未登记的密钥签名（指纹 ${key.fingerprintSha256}）`)]),
        figures,
      };
    }
    const sigText = ig.signature !== 'valid' ? '，清单未签名'
      : key?.registration === 'registered' ? `，清单由该运营机构登记的密钥「${key.label ?? ''}」签名，签名验证通过`
        : `，清单签名验证通过，但签名密钥未登记（SHA-256 指纹 ${key?.fingerprintSha256 ?? '未知'}）：签名只证明清单签名后未被改动，不能证明出自该运营机构`;
    const sigTextEn = ig.signature !== 'valid' ? '; the manifest is not signed'
      : key?.registration === 'registered' ? `; the manifest is signed with the operator's registered key “${key.label ?? ''}” and the signature verifies`
        : `; the manifest signature verifies, but the signing key is not registered (SHA-256 fingerprint ${key?.fingerprintSha256 ?? 'unknown'}): the signature only shows the manifest is unchanged since it was signed, not that the operator signed it`;
    return { status: 'pass', message: `${intact}${sigText}。`, messageEn: `${intactEn}${sigTextEn}.`, figures };
  },
};
