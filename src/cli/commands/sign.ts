// `sign <report.pdf>`: a further signature (审核, 批准) on a signed report, appended as an
// incremental update so that the signatures before it stay intact.

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SignOptions } from '../program.js';
import { addSignature, passphraseFrom, readSigningKey } from '../report-output.js';
import { UsageError } from '../usage.js';

export async function runSign(reportArg: string, o: SignOptions): Promise<number> {
  const report = resolve(reportArg);
  const out = resolve(o.out);
  if (out === report) throw new UsageError('--out must name a new file: the signed report stays as it was');
  let pdf: Buffer;
  try {
    pdf = await readFile(report);
  } catch (e) {
    throw new UsageError(`cannot read ${reportArg}: ${(e as Error).message}`);
  }
  if (!pdf.subarray(0, 1024).includes('%PDF-')) throw new UsageError(`${reportArg} is not a PDF`);
  const key = readSigningKey(o.sign, passphraseFrom(o.passEnv));
  await writeFile(out, addSignature(pdf, key, o.role));
  process.stdout.write(`${out}\n`);
  return 0;
}
