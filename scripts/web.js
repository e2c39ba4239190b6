#!/usr/bin/env node
// `npm run web`: the loopback host, a development and test tool. It serves the built
// renderer (dist/renderer) and the real services (dist/main/services) on 127.0.0.1 at a
// random port, and prints the address to open, which carries a per-start secret.
// Not the desktop app: no native dialogs (type a bundle's path), saved files go to --out.
//
// Usage: node scripts/web.js [--port N] [--out DIR]   (after npm run build && npm run build:renderer)
// --out defaults to <tmp>/compliance-desk-web.

import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { port: { type: 'string' }, out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(tmpdir(), 'compliance-desk-web'));
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('web: --port takes a port number (0: any free port)\n');
  process.exit(2);
}

const rendererDir = resolve(root, 'dist/renderer');
const hostModule = resolve(root, 'dist/main/services/loopback/host.js');
const backendModule = resolve(root, 'dist/main/services/pdf-backend.js');
for (const [what, path, fix] of [
  ['renderer', resolve(rendererDir, 'index.html'), 'npm run build:renderer'],
  ['services', hostModule, 'npm run build'],
]) {
  if (!existsSync(path)) {
    process.stderr.write(`web: the ${what} is not built (${path} missing): run "${fix}" first\n`);
    process.exit(2);
  }
}

const { startLoopbackHost } = await import(hostModule);
const { pdfReportBackend } = await import(backendModule);
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

const host = await startLoopbackHost({
  rendererDir,
  outDir,
  reports: pdfReportBackend(),
  tool: { name: pkg.name, version: pkg.version },
});

process.stdout.write(
  `合规审查台 loopback host (development and testing only; listens on 127.0.0.1)\n`
  + `Open: ${host.url}\n`
  + `Bundles are opened by typing their path; saved files go to ${outDir}.\n`
  + `Ctrl+C to stop.\n`,
);

const stop = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
