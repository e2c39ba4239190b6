// `bundle import <raw> --suggest`: a mapping proposed from the export's headers and a sample
// of its values (suggest.ts), printed as JSON for the operator to check and complete.

import { resolve } from 'node:path';
import { suggestForExport } from '../../main/services/import/suggest-export.js';
import { unsureText } from '../../shared/import/suggest.js';
import { escapeForTerminal } from '../terminal.js';

export async function runBundleSuggest(rawArg: string): Promise<number> {
  const s = await suggestForExport(resolve(rawArg));
  process.stdout.write(JSON.stringify(s.mapping, null, 2) + '\n');
  for (const n of s.unsure) process.stderr.write(`待确认：${escapeForTerminal(unsureText(n))}\n`);
  return 0;
}
