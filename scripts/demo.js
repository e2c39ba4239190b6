#!/usr/bin/env node
// npm run demo: the main job headless. Reviews the sample bundle shipped in the repository
// and writes review-out/findings.json and a signed review-out/report.pdf. The signing key is
// a self-signed demo key made on first run (review-out/demo-signer.p12, passphrase "demo").

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'review-out');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const KEY = join(OUT, 'demo-signer.p12');
const env = { ...process.env, COMPLIANCE_DESK_DEMO_PASS: 'demo' };

/** @param {string[]} args */
const run = (args) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: 'inherit' }).status;

mkdirSync(OUT, { recursive: true });
if (!existsSync(KEY)) {
  const code = run(['keygen', '--out', KEY, '--name', 'CN=演示评估人,O=合规审查台演示', '--pass-env', 'COMPLIANCE_DESK_DEMO_PASS']);
  if (code !== 0) process.exit(code ?? 3);
}
const code = run([
  'check', join(ROOT, 'samples', 'jinzhou-demo', 'bundle'), '--out', OUT, '--format', 'json,pdf,junit',
  '--sign', KEY, '--pass-env', 'COMPLIANCE_DESK_DEMO_PASS', '--reviewer', '演示评估人',
]);
// Exit 1 means the review found breaches, which the demo bundle has on purpose.
if (code === 0 || code === 1) {
  process.stderr.write(`\nDemo done: ${join(OUT, 'findings.json')} and the signed ${join(OUT, 'report.pdf')}`
    + ` (the sample has planted breaches, see samples/jinzhou-demo/BREACHES.md).\n`);
  process.exit(0);
}
process.exit(code ?? 3);
