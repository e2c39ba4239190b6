import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/contract.js';
import { decodeWire } from '../../../shared/ipc/wire.js';
import type { ReportBackend } from '../report-backend.js';
import { loopbackDialogs, SECRET_HEADER, startLoopbackHost, type LoopbackHost } from './host.js';

// Raw HTTP, so the test sets exactly the headers an attacker's page or a rebinding DNS
// name would send (fetch would fill some in).
function send(host: LoopbackHost, o: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(host.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: o.method ?? 'GET', path: o.path, headers: { host: url.host, ...o.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          // Event streams never end: stop after the first frame.
          if (String(res.headers['content-type']).startsWith('text/event-stream')) req.destroy();
        });
        const done = () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

const fakeReports: ReportBackend = {
  render: async () => { throw new Error('not used'); },
  describeKey: async () => ({ subject: 'x', fingerprintSha256: 'x', notAfter: null }),
  sign: async (p) => p,
  verify: async (_p, source) => ({
    source, reportId: null, ok: false, signed: false, signatures: [], integrity: { state: 'intact', changes: [] }, contentMatches: false, messages: [],
  }),
};

let host: LoopbackHost;
let base: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cd-loopback-'));
  const renderer = join(base, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  host = await startLoopbackHost({ rendererDir: renderer, outDir: join(base, 'out'), reports: fakeReports, tool: { name: 't', version: '0' }, log: () => {} });
});
afterAll(() => host.close());

const ipcHeaders = () => ({ origin: host.origin, 'content-type': 'application/json', [SECRET_HEADER]: host.secret });

describe('the loopback host', () => {
  it('listens on 127.0.0.1 only, with a per-start secret in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#secret=${host.secret}`);
    expect(host.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const r = await send(host, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>desk</title>');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) expect((await send(host, { path: p })).status).toBe(404);
  });

  it('answers a request that has everything right', async () => {
    const r = await send(host, { method: 'POST', path: '/ipc/settings:get', headers: ipcHeaders(), body: '{}' });
    expect(r.status).toBe(200);
    expect(decodeWire(r.body)).toMatchObject({ ok: true, value: { evidencePerRule: 20 } });
  });

  it.each(CHANNELS)('routes %s to its handler (a refusal comes back as an envelope, not an HTTP error)', async (channel) => {
    const r = await send(host, { method: 'POST', path: `/ipc/${channel}`, headers: ipcHeaders(), body: '"not a request"' });
    expect(r.status).toBe(200);
    expect(decodeWire(r.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it.each([
    ['a rebinding Host', { host: 'evil.example:80' }, 421],
    ['localhost instead of 127.0.0.1', { host: 'localhost' }, 421],
    ['a cross-site Origin', { origin: 'https://evil.example' }, 403],
    ['the null Origin of a sandboxed frame', { origin: 'null' }, 403],
    ['no Origin', { origin: '' }, 403],
    ['no secret', { [SECRET_HEADER]: '' }, 403],
    ['a wrong secret', { [SECRET_HEADER]: 'x'.repeat(32) }, 403],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 403],
    ['a simple-request content type', { 'content-type': 'text/plain' }, 415],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ])('refuses %s', async (_label, override, status) => {
    const headers: Record<string, string> = { ...ipcHeaders(), ...override };
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const r = await send(host, { method: 'POST', path: '/ipc/settings:set', headers, body: '{"patch":{"workers":3}}' });
    expect(r.status).toBe(status);
    // Nothing changed.
    const now = await send(host, { method: 'POST', path: '/ipc/settings:get', headers: ipcHeaders(), body: '{}' });
    expect(decodeWire(now.body)).toMatchObject({ value: { workers: null } });
  });

  it('refuses an oversize body before parsing it', async () => {
    const r = await send(host, { method: 'POST', path: '/ipc/review:cancel', headers: ipcHeaders(), body: JSON.stringify({ runId: 'x'.repeat(100_000) }) });
    expect(r.status).toBe(413);
  });

  it('refuses bad JSON, bad shapes and pollution keys through the guards', async () => {
    expect((await send(host, { method: 'POST', path: '/ipc/settings:get', headers: ipcHeaders(), body: '{' })).status).toBe(400);
    const shape = await send(host, { method: 'POST', path: '/ipc/review:cancel', headers: ipcHeaders(), body: '{"runId":5}' });
    expect(decodeWire(shape.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const polluted = await send(host, { method: 'POST', path: '/ipc/settings:set', headers: ipcHeaders(), body: '{"patch":{"__proto__":{"workers":1}}}' });
    expect(decodeWire(polluted.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const unknown = await send(host, { method: 'POST', path: '/ipc/shell:open', headers: ipcHeaders(), body: '{}' });
    expect(decodeWire(unknown.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('accepts POST only on /ipc, and nothing but GET elsewhere', async () => {
    expect((await send(host, { method: 'GET', path: '/ipc/settings:get', headers: ipcHeaders() })).status).toBe(405);
    expect((await send(host, { method: 'OPTIONS', path: '/ipc/settings:get', headers: { origin: host.origin } })).status).toBe(405);
    expect((await send(host, { method: 'DELETE', path: '/' })).status).toBe(405);
  });

  it('gives the event stream only with the secret', async () => {
    expect((await send(host, { path: '/events' })).status).toBe(403);
    expect((await send(host, { path: '/events?secret=wrong' })).status).toBe(403);
    const ok = await send(host, { path: `/events?secret=${encodeURIComponent(host.secret)}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/text\/event-stream/);
  });

  it('saves only into its output folder, under the artifact’s own name', async () => {
    const out = join(base, 'out');
    const dialogs = loopbackDialogs({ cwd: base, outDir: out, confirmSign: async () => false });
    const filter = { name: 'PDF', extensions: ['pdf'] };
    for (const [name, expected] of [
      ['合规评估报告-CD-1.pdf', '合规评估报告-CD-1.pdf'],
      ['../../etc/passwd', 'passwd'],
      ['..', '_'],
      ['.bashrc', '_bashrc'],
      ['a\\..\\b:c.pdf', 'a_.._b_c.pdf'],
    ]) {
      expect(await dialogs.chooseSavePath({ suggestedName: name, filter }), name).toBe(join(out, expected));
    }
    expect(await dialogs.chooseBundle({ kind: 'folder', typed: 'rel/bundle' })).toBe(join(base, 'rel', 'bundle'));
    expect(await dialogs.chooseBundle({ kind: 'folder', typed: null })).toBeNull();
  });
});
