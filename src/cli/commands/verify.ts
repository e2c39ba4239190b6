import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyReport } from '../../main/services/pdf/verify.js';
import { formatReportVerification } from '../report-output.js';
import { runVerifyPackage } from './package.js';
import { integrityOk, verifyBundle } from '../../main/services/bundle/verify-bundle.js';
import type { VerifyOptions } from '../program.js';

const SIGNATURE_ZH = { absent: '未签名', valid: '签名有效', invalid: '签名无效', unsupported: '签名算法不支持' } as const;

/** `verify <bundle | report.pdf>`: exit 0 when intact and (for a report) validly signed, else 1. */
export async function runVerify(targetArg: string, values: VerifyOptions): Promise<number> {
  const target = resolve(targetArg);
  if (/\.cdreview$/i.test(target)) return runVerifyPackage(target, { json: values.json });
  if (/\.pdf$/i.test(target)) {
    const v = await verifyReport(target, { sm2PublicKeyPem: values.sm2Pub ? readFileSync(values.sm2Pub, 'utf8') : undefined });
    process.stdout.write(values.json ? JSON.stringify(v, null, 2) + '\n' : formatReportVerification(v));
    return v.ok ? 0 : 1;
  }
  const v = await verifyBundle(target);
  const ok = integrityOk(v.integrity);
  if (values.json) {
    process.stdout.write(JSON.stringify({ ok, ...v }, null, 2) + '\n');
    return ok ? 0 : 1;
  }
  const i = v.integrity;
  const lines = [`${v.source}: ${v.files} files listed against manifest.json; manifest ${SIGNATURE_ZH[i.signature]} (${i.signature}${i.signatureAlg ? `, ${i.signatureAlg}` : ''})`];
  for (const m of i.missing) lines.push(`  missing   ${m}`);
  for (const c of i.changed) lines.push(`  changed   ${c.path}  sha256 ${c.actual.slice(0, 16)}… (manifest ${c.expected.slice(0, 16)}…), ${c.actualBytes} bytes (manifest ${c.expectedBytes})`);
  for (const u of i.unlisted) lines.push(`  unlisted  ${u}`);
  if (i.signatureMessage) lines.push(`  signature: ${i.signatureMessage}`);
  lines.push(ok ? 'OK: every file matches the manifest.' : 'FAILED: the bundle differs from its manifest.');
  process.stdout.write(lines.join('\n') + '\n');
  return ok ? 0 : 1;
}
