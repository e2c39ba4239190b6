#!/usr/bin/env node
// Entry of the `compliance-desk` command: runs the compiled CLI (npm install builds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('compliance-desk: not built yet — run "npm run build" in the repository first.\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
