import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mimeOf, readStatic, resolveStaticPath } from './static-files.js';

let root: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'cd-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(base, 'outside.txt'), 'secret');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'secret');
});

describe('resolveStaticPath', () => {
  it('maps / and plain paths inside the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets//app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each([
    '/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/..%2Foutside.txt',
    '/..\\outside.txt', '/%5c..%5coutside.txt', '/.git/config', '/assets/.hidden', '/%00', '/a%0d%0aSet-Cookie:x',
    '/%E0%A4%A', 'assets/app.js', '/../renderer-evil/x.js',
  ])('refuses %j', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });
});

describe('readStatic', () => {
  it('answers 200 with the CSP and the right type, 404 for the rest', async () => {
    const ok = await readStatic(root, '/assets/app.js');
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Type']).toMatch(/javascript/);
    expect(ok.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await readStatic(root, '/assets')).status).toBe(404);
    expect((await readStatic(root, '/nope.js')).status).toBe(404);
    expect((await readStatic(root, '/%2e%2e/outside.txt')).status).toBe(404);
  });

  it('does not follow a symlink out of the folder', async () => {
    const link = join(root, 'assets', 'link.txt');
    try {
      symlinkSync(join(root, '..', 'outside.txt'), link);
    } catch {
      return; // no symlinks on this file system
    }
    // The link's own path is inside, its target outside.
    expect((await readStatic(root, '/assets/link.txt')).status).toBe(404);
  });

  it('types files by extension, unknown ones as octet-stream', () => {
    expect(mimeOf('a.css')).toMatch(/text\/css/);
    expect(mimeOf('a.svg')).toBe('image/svg+xml');
    expect(mimeOf('a.exe')).toBe('application/octet-stream');
  });
});

describe('the CSP', () => {
  it('allows only the app’s own origin, no eval, no inline script, no remote origin', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|wasm-unsafe-eval/);
  });

  it('index.html carries the same policy in its meta tag (less frame-ancestors, which meta cannot carry)', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', '..', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta![1]).toBe(expected);
  });
});
