#!/usr/bin/env node
// `npm run web`: the loopback host, a development and test tool. It serves the built
// renderer (dist/renderer) and the real services (dist/main/services) on 127.0.0.1 at a
// random port, and prints the address to open, which carries a per-start secret.
// Not the desktop app: no native dialogs (type a bundle's path), saved files go to --out.
//
// Usage: node scripts/web.js [--port N] [--out DIR] [--renderer DIR] [--build-renderer]
//   (after npm run build && npm run build:renderer; with --build-renderer, npm run build is enough)
// --out defaults to <tmp>/compliance-desk-web; --renderer to dist/renderer.
// --build-renderer builds the renderer into --renderer first, with vite.renderer.config.ts
// as `npm run build:renderer` does (the end-to-end tests start the host this way).
//
// The line "Open: <address>" is printed once the host listens; playwright.config.ts waits
// for it and takes the address (secret included) from it, so keep its form.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    out: { type: 'string' },
    renderer: { type: 'string' },
    'build-renderer': { type: 'boolean', default: false },
  },
});
const outDir = resolve(values.out ?? join(tmpdir(), 'compliance-desk-web'));
const rendererDir = resolve(values.renderer ?? join(root, 'dist/renderer'));
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('web: --port takes a port number (0: any free port)\n');
  process.exit(2);
}

/** @param {string} message */
function fail(message) {
  process.stderr.write(`web: ${message}\n`);
  process.exit(2);
}

const BUILD_BOTH = 'npm run build && npm run build:renderer';
const hostModule = resolve(root, 'dist/main/services/loopback/host.js');
const backendModule = resolve(root, 'dist/main/services/pdf-backend.js');

/**
 * Sources of the services build (tsconfig.node.json: src/shared, src/main/services, src/cli,
 * tests excluded) whose output in dist/ is missing or older: serving those would test old code.
 * @returns {string[]}
 */
function staleServices() {
  const stale = [];
  for (const dir of ['src/shared', 'src/main/services', 'src/cli']) {
    for (const rel of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!rel.endsWith('.ts') || rel.endsWith('.test.ts') || rel.endsWith('.d.ts')) continue;
      const source = join(root, dir, rel);
      const built = join(root, 'dist', relative(join(root, 'src'), source)).replace(/\.ts$/, '.js');
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) stale.push(relative(root, source));
    }
  }
  return stale;
}

if (!existsSync(hostModule)) fail(`the services are not built (${relative(root, hostModule)} missing): run "${BUILD_BOTH}" first`);
const stale = staleServices();
if (stale.length > 0) {
  fail(`dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}): run "${BUILD_BOTH}" first`);
}

if (values['build-renderer']) {
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.renderer.config.ts'),
    root,
    // Only the folder differs from `npm run build:renderer`; its size and timing notes are noise here.
    logLevel: 'error',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
} else if (!existsSync(join(rendererDir, 'index.html'))) {
  fail(`the renderer is not built (${join(rendererDir, 'index.html')} missing): run "${BUILD_BOTH}" first, or pass --build-renderer`);
}

/** @type {typeof import('../src/main/services/loopback/host.js')} */
const { startLoopbackHost } = await import(hostModule);
/** @type {typeof import('../src/main/services/pdf-backend.js')} */
const { pdfReportBackend } = await import(backendModule);
const pkg = /** @type {{ name: string, version: string }} */ (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')));

const host = await startLoopbackHost({
  rendererDir,
  outDir,
  port,
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
