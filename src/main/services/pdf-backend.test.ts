import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBundle } from '../../../test/fixtures.js';
import { runTool } from '../../../test/tools.js';
import type { Findings } from '../../shared/engine/assess.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { appendLogEntry } from '../../shared/review/log.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import { incidentsOfReview, incidentsSection } from './incidents/review-incidents.js';
import { runReview } from './engine/run-review.js';
import { pdfReportBackend } from './pdf-backend.js';
import { generateSigningKey } from './crypto/keygen.js';
import { KeyError } from './report-backend.js';
import { readCertificate } from './crypto/x509.js';
import type { TrustContext } from './crypto/judge.js';

const NO_TRUST: TrustContext = { anchors: [], crls: [] };

const SAMPLE = sampleBundle('full');

let findings: Findings;
beforeAll(async () => {
  findings = await runReview(SAMPLE, { pack: packById(DEFAULT_PACK_ID), tool: { name: 'compliance-desk', version: 'test' }, workers: 0 });
});

describe('the PDF report backend', () => {
  it('renders, signs with an imported key, and verifies', async () => {
    const backend = pdfReportBackend();
    const key = generateSigningKey({ name: 'CN=张三, O=锦州市数据局', password: '口令', alg: 'ecdsa' });
    const material = { p12: new Uint8Array(key.p12), password: '口令' };
    const described = await backend.describeKey(material);
    expect(described).toEqual({ subject: '张三', fingerprintSha256: key.fingerprintSha256, notAfter: key.notAfter!.toISOString() });

    const { pdf, finalSummary } = await backend.render({
      findings, reportId: 'CD-20270106-ABCDEF', reportDate: '2027-01-06', reviewer: { name: '张三' },
      evidencePerRule: 5, defaultDeadlineDays: 90, signer: described,
    });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(finalSummary.conclusion).toBe(findings.summary.conclusion);

    const unsigned = await backend.verify(pdf, 'r.pdf', NO_TRUST);
    expect(unsigned).toMatchObject({ ok: false, signed: false, signatures: [], contentMatches: true, reportId: 'CD-20270106-ABCDEF' });
    expect(unsigned.messages).toContain('报告未签名');

    const signed = await backend.sign(pdf, material, '编制');
    // Not trusted until the reviewer trusts the certificate: the signature holds, the signer is unknown.
    const untrusted = await backend.verify(signed, 'signed.pdf', NO_TRUST);
    expect(untrusted).toMatchObject({ ok: false, signed: true, contentMatches: true, integrity: { state: 'intact' } });
    expect(untrusted.signatures).toMatchObject([{ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', role: '编制', certified: true }]);

    const pinned: TrustContext = { anchors: [{ cert: readCertificate(key.certDer), label: '张三', kind: 'certificate' }], crls: [] };
    const v = await backend.verify(signed, 'signed.pdf', pinned);
    expect(v).toMatchObject({ source: 'signed.pdf', ok: true, signatures: [{ indication: 'TOTAL_PASSED', signer: { commonName: '张三' } }] });

    // One byte changed after signing: the signature no longer holds.
    const tampered = signed.slice();
    const at = new TextDecoder('latin1').decode(tampered).indexOf('CD-20270106-ABCDEF');
    tampered[at] = 'X'.charCodeAt(0);
    const broken = await backend.verify(tampered, 't.pdf', pinned);
    expect(broken.ok).toBe(false);
    expect(broken.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  }, 60_000);

  it('refuses a wrong passphrase and a file that is not a key, as KeyError', async () => {
    const backend = pdfReportBackend();
    const key = generateSigningKey({ name: '李四', password: 'right', alg: 'ecdsa' });
    await expect(backend.describeKey({ p12: new Uint8Array(key.p12), password: 'wrong' })).rejects.toThrow(KeyError);
    await expect(backend.describeKey({ p12: new TextEncoder().encode('not a p12'), password: '' })).rejects.toThrow(KeyError);
  });
});

describe('the review log and the incident section in the rendered PDF', () => {
  it('prints the log table with its chain check, and the timelines with the judgments (pdftotext)', async () => {
    let log: ReviewLogEntry[] = [];
    log = appendLogEntry(log, { at: '2027-01-06T09:00:00+08:00', who: '张三', action: 'case_open', after: { operatorName: '锦州数据运营有限公司', period: findings.period } });
    log = appendLogEntry(log, {
      at: '2027-01-06T09:30:00+08:00', who: '张三', action: 'x-episode_judgment', ruleId: 'JZ-21-03',
      after: { episodeKey: 'k', kind: 'log_delete', actor: 'u006', first: '2026-08-30T02:17:00+08:00', verdict: 'needs_incident_report', note: '删除审计日志未见审批' },
    });
    log = appendLogEntry(log, {
      at: '2027-01-06T09:40:00+08:00', who: '张三', action: 'decision_add', ruleId: 'JZ-21-03', before: { status: 'needs_review' },
      after: { kind: 'judgment', status: 'fail', reason: '复核认定 1 处迹象应作为数据安全事件报告而未报告' },
    });
    const inc = await incidentsOfReview(SAMPLE, findings);
    const key = inc.episodes.episodes.find((e) => e.kind === 'log_delete')!.key;
    const { pdf } = await pdfReportBackend().render({
      findings, reportId: 'CD-20270106-LOG001', reportDate: '2027-01-06', reviewer: { name: '张三' }, evidencePerRule: 3, defaultDeadlineDays: 90, signer: null,
      reviewLog: log, incidents: incidentsSection(inc, findings, [{ episodeKey: key, verdict: 'needs_incident_report', note: '删除审计日志未见审批', by: '张三' }]),
    });
    const dir = mkdtempSync(join(tmpdir(), 'cd-log-pdf-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, pdf);
      const r = runTool('pdftotext', ['-layout', file, '-']);
      expect(r.code, r.out).toBe(0);
      const text = r.stdout.replace(/[ \t]+/g, ' ');
      expect(text).toContain('附录E 复核日志');
      expect(text).toContain('哈希链校验通过：共 3 条');
      expect(text).toContain(log[2].hash.slice(0, 12));
      expect(text).toContain('判断事件迹象');
      expect(text).toContain('数据安全事件专项核查');
      expect(text).toContain('INC-2026-002');
      expect(text).toContain('超时 60 分钟');
      expect(text).toContain('删除审计日志未见审批');
      // The log has its bookmark, under the appendix's.
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
      const outline = (await doc.getOutline()) ?? [];
      const appendix = outline.find((o) => o.title === '附录');
      expect(appendix?.items.map((o) => o.title)).toContain('附录E　复核日志');
      await doc.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
