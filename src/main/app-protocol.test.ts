import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The electron module replaced: what the scheme registers with, and net.fetch for dev.
const privileged: unknown[] = [];
const fetched: string[] = [];
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => privileged.push(...s) },
  net: {
    fetch: async (url: string) => {
      fetched.push(url);
      return new Response('dev', { status: 200, headers: { 'Content-Type': 'text/javascript', 'Content-Security-Policy': "script-src 'unsafe-eval'" } });
    },
  },
}));

const { answerAppRequest, registerAppScheme } = await import('./app-protocol.js');
const { CONTENT_SECURITY_POLICY } = await import('./services/static-files.js');

let root: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'cd-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
});

// A plain object, as Node's Request refuses some of the hostile URLs before main would see them.
const get = (url: string, init?: { method: string }) => answerAppRequest({ url, method: init?.method ?? 'GET' } as Request, { rendererDir: root, devServerOrigin: null });

describe('app:// scheme', () => {
  it('is registered standard and secure, without bypassing the CSP', () => {
    registerAppScheme();
    expect(privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect((privileged[0] as { privileges: Record<string, unknown> }).privileges.bypassCSP).toBeUndefined();
  });

  it('serves the renderer with the CSP header and nosniff', async () => {
    const r = await get('app://desk/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('<title>x</title>');
    expect((await get('app://desk/')).status).toBe(200);
    expect((await get('app://desk/assets/a.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'app://desk/%2e%2e/secret.txt',
    'app://desk/..%2fsecret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/%2e%2e%5csecret.txt',
    'app://desk/.env',
    'app://desk/assets/%00a.js',
    'app://desk/missing.js',
    'app://evil/index.html',
    'app://desk@evil/index.html',
  ])('answers 404 to %s', async (url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('outside');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://desk/index.html', { method: 'POST' })).status).toBe(405);
    const head = await get('app://desk/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('reads from the dev server when given one, with the app CSP replacing the server’s', async () => {
    const r = await answerAppRequest(new Request('app://desk/src/renderer/main.tsx?v=1'), { rendererDir: root, devServerOrigin: 'http://localhost:5173' });
    expect(fetched).toEqual(['http://localhost:5173/src/renderer/main.tsx?v=1']);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
