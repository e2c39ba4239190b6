import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeView } from '../../../shared/incidents/episodes.js';
import { logsAround } from './around.js';

let dir: string;
let bundle: string;

const ev = (id: string, ts: string, extra: object = {}) => JSON.stringify({
  event_id: id, ts, actor: 'u1', action: 'query', resource_type: 'dataset', resource: 'DS-OTHER', channel: 'platform', result: 'success', ...extra,
});

// INC-1 detected 2026-05-10 12:00; the default window is 05-09 12:00 .. 05-13 12:00.
const MAY = [
  ev('M0', '2026-05-09T11:59:00+08:00', { resource: 'DS-1' }), // just before the window
  ev('M1', '2026-05-09T12:00:00+08:00', { actor: 'u2', resource: 'DS-1' }), // dataset, at the start
  ev('M2', '2026-05-10T08:00:00+08:00', { actor: 'u2', action: 'login', resource_type: 'system', resource: 'PLATFORM' }), // actor who touched DS-1
  ev('M3', '2026-05-10T09:00:00+08:00', { actor: 'u3', action: 'deliver', resource_type: 'product', resource: 'PR-1' }), // product of DS-1
  ev('M4', '2026-05-10T10:00:00+08:00', { actor: 'u4', action: 'query', resource: 'DS-OTHER' }), // nothing to do with it
  ev('M5', '2026-05-10T11:00:00+08:00', { actor: 'u9', action: 'login', resource_type: 'system', resource: 'PLATFORM', result: 'denied' }), // episode actor
  ev('M6', '2026-05-10T11:30:00+08:00', { actor: 'u5', action: 'deliver', resource_type: 'product', resource: 'PR-2' }), // other product
  ev('M7', '2026-05-13T12:00:00+08:00', { actor: 'u2', resource: 'DS-OTHER' }), // actor, at the end
  ev('M8', '2026-05-13T12:01:00+08:00', { actor: 'u2', resource: 'DS-1' }), // after the window
].join('\n') + '\n';
const JAN = [ev('J1', '2026-01-05T10:00:00+08:00', { resource: 'DS-1' })].join('\n') + '\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-around-'));
  bundle = join(dir, 'bundle');
  const files: Record<string, string | Buffer> = {
    'manifest.json': JSON.stringify({ format: 'evidence-bundle/1', operator_id: 'OP', period: { start: '2026-01-01', end: '2026-12-31' }, timezone: 'Asia/Shanghai', files: [] }),
    'incidents.json': JSON.stringify([
      { id: 'INC-1', grade: 'major', detected_at: '2026-05-10T12:00:00+08:00', datasets: ['DS-1'] },
      { id: 'INC-2', grade: 'major', detected_at: '' , datasets: ['DS-1'] },
    ]),
    'products.csv': 'id,name,source_datasets\nPR-1,a,DS-1;DS-9\nPR-2,b,DS-9\n',
    'logs/2026-01.jsonl': JAN,
    'logs/2026-05.jsonl.gz': gzipSync(Buffer.from(MAY)),
  };
  for (const [p, d] of Object.entries(files)) {
    await mkdir(join(bundle, p, '..'), { recursive: true });
    await writeFile(join(bundle, p), d);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const episode: EpisodeView = {
  key: 'denied_burst|u9|x:1', kind: 'denied_burst', actor: 'u9', first: '2026-05-10T10:50:00+08:00', last: '2026-05-10T11:05:00+08:00',
  eventCount: 20, events: [], nearestIncident: { id: 'INC-1', detectedAt: '2026-05-10T12:00:00+08:00', minutesApart: 55 }, covered: true,
};
const far: EpisodeView = { ...episode, key: 'k2', actor: 'u4', first: '2026-08-01T10:00:00+08:00', last: '2026-08-01T10:00:00+08:00' };

describe('logs around an incident', () => {
  it('returns the events of the window that touch its datasets or products or come from the actors involved', async () => {
    const [inc1, inc2] = await logsAround(bundle, { episodes: [episode, far] });
    expect(inc1.rows.map((r) => r.eventId)).toEqual(['M1', 'M2', 'M3', 'M5', 'M7']);
    expect(inc1.count).toBe(5);
    expect(inc1.truncated).toBe(false);
    expect(Object.fromEntries(inc1.rows.map((r) => [r.eventId, r.reasons]))).toEqual({
      M1: ['dataset'], M2: ['dataset_actor'], M3: ['product'], M5: ['episode_actor'], M7: ['dataset_actor'],
    });
    expect(inc1.products).toEqual(['PR-1']);
    expect(inc1.actors).toEqual({ fromEpisodes: ['u9'], fromDatasets: ['u2'] });
    expect(inc1.windowStart).toBe('2026-05-09T12:00:00+08:00');
    expect(inc1.windowEnd).toBe('2026-05-13T12:00:00+08:00');
    expect(inc1.rows[0]).toMatchObject({ file: 'logs/2026-05.jsonl.gz', line: 2, ts: '2026-05-09T12:00:00+08:00', actor: 'u2', action: 'query', resource: 'DS-1', result: 'success' });
    expect(inc1.rows[0].excerpt).toContain('"M1"');
    // Undated: nothing to look for, and it says so.
    expect(inc2).toMatchObject({ count: 0, rows: [], windowStart: null });
    expect(inc2.note).toContain('发现时间');
  });

  it('takes an adjustable window', async () => {
    const [inc1] = await logsAround(bundle, { window: { startMinutes: -3 * 60, endMinutes: 0 }, incidentIds: ['INC-1'] });
    // 09:00 .. 12:00: the product delivery only (u2 touched DS-1 outside this window).
    expect(inc1.rows.map((r) => r.eventId)).toEqual(['M3']);
  });

  it('caps the rows, keeping those nearest detection, with the true count', async () => {
    const [inc1] = await logsAround(bundle, { episodes: [episode], maxRows: 2, incidentIds: ['INC-1'] });
    expect(inc1.count).toBe(5);
    expect(inc1.truncated).toBe(true);
    expect(inc1.rows.map((r) => r.eventId)).toEqual(['M3', 'M5']);
  });

  it('reads again only the files that reach a window', async () => {
    const seen: Record<number, number> = {};
    await logsAround(bundle, { onProgress: (p) => { seen[p.pass] = p.bytesTotal; } });
    expect(seen[2]).toBeLessThan(seen[1]);
    expect(seen[2]).toBeGreaterThan(0);
  });
});
