import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Findings } from '../../shared/engine/assess.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { runReview } from './engine/run-review.js';
import { pdfReportBackend } from './pdf-backend.js';
import { generateSigningKey } from './pdf/keygen.js';
import { KeyError } from './report-backend.js';

const SAMPLE = resolve(import.meta.dirname, '../../../../shared/samples/full/bundle');

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

    const unsigned = await backend.verify(pdf, 'r.pdf');
    expect(unsigned).toMatchObject({ signature: 'absent', contentIntact: true, reportId: 'CD-20270106-ABCDEF' });

    const signed = await backend.sign(pdf, material);
    const v = await backend.verify(signed, 'signed.pdf');
    expect(v).toMatchObject({ source: 'signed.pdf', signature: 'valid', signer: '张三', contentIntact: true });

    // One byte changed after signing: the signature no longer holds.
    const tampered = signed.slice();
    const at = new TextDecoder('latin1').decode(tampered).indexOf('CD-20270106-ABCDEF');
    tampered[at] = 'X'.charCodeAt(0);
    expect((await backend.verify(tampered, 't.pdf')).signature).toBe('invalid');
  }, 60_000);

  it('refuses a wrong passphrase and a file that is not a key, as KeyError', async () => {
    const backend = pdfReportBackend();
    const key = generateSigningKey({ name: '李四', password: 'right', alg: 'ecdsa' });
    await expect(backend.describeKey({ p12: new Uint8Array(key.p12), password: 'wrong' })).rejects.toThrow(KeyError);
    await expect(backend.describeKey({ p12: new TextEncoder().encode('not a p12'), password: '' })).rejects.toThrow(KeyError);
  });
});
