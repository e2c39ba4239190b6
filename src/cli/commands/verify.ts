import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyReport } from '../../main/services/pdf/verify.js';
import { formatReportVerification } from '../report-output.js';
import { runVerifyPackage } from './package.js';
import { integrityOk, verifyBundle } from '../../main/services/bundle/verify-bundle.js';
import type { VerifyOptions } from '../program.js';
import { terminalText } from '../terminal.js';
import { cliTrust } from '../trust.js';

const SIGNATURE_ZH = { absent: '未签名', valid: '签名有效', invalid: '签名无效', unsupported: '签名算法不支持' } as const;

/** `verify <bundle | report.pdf>`: exit 0 when intact and (for a report) validly signed, else 1. */
export async function runVerify(targetArg: string, values: VerifyOptions): Promise<number> {
  const target = resolve(targetArg);
  if (/\.cdreview$/i.test(target)) return runVerifyPackage(target, values);
  if (/\.pdf$/i.test(target)) {
    const trust = await cliTrust(values);
    const v = await verifyReport(target, { sm2PublicKeyPem: values.sm2Pub ? readFileSync(values.sm2Pub, 'utf8') : undefined, trust: trust.context });
    process.stdout.write(values.json ? JSON.stringify(v, null, 2) + '\n' : formatReportVerification(v));
    return v.ok ? 0 : 1;
  }
  const trust = await cliTrust(values);
  const v = await verifyBundle(target, { operatorKeys: trust.operatorKeys });
  // A manifest signed by another key than the one registered for its operator is not the operator's.
  const ok = integrityOk(v.integrity) && v.integrity.signerKey?.registration !== 'other-key-registered';
  if (values.json) {
    process.stdout.write(JSON.stringify({ ok, ...v }, null, 2) + '\n');
    return ok ? 0 : 1;
  }
  const i = v.integrity;
  const lines = [`${v.source}：清单列出 ${v.files} 个文件；清单${SIGNATURE_ZH[i.signature]}${i.signatureAlg ? `（${i.signatureAlg}）` : ''}`];
  for (const m of i.missing) lines.push(`  缺失      ${m}`);
  for (const c of i.changed) lines.push(`  被改动    ${c.path}  SHA-256 ${c.actual.slice(0, 16)}…（清单 ${c.expected.slice(0, 16)}…），${c.actualBytes} 字节（清单 ${c.expectedBytes}）`);
  for (const u of i.unlisted) lines.push(`  未列入清单 ${u}`);
  if (i.signatureMessage) lines.push(`  签名：${i.signatureMessage}`);
  if (i.signerKey && i.signerKey.registration !== 'registered') {
    lines.push(`  → 请与运营机构核对密钥指纹 ${i.signerKey.fingerprintSha256}；核对无误后可用 "compliance-desk trust add <公钥文件> --operator ${v.operatorId ?? '<统一社会信用代码>'}" 登记。`);
  }
  lines.push(!integrityOk(i) ? '未通过：证据包与其清单不符。'
    : !ok ? '未通过：清单不是由该运营机构登记的密钥签名。'
      : '通过：每个文件都与清单一致。');
  process.stdout.write(terminalText(lines));
  return ok ? 0 : 1;
}
