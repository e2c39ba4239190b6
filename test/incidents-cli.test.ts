// Issue 8's acceptance through the command: `compliance-desk incidents` on the full sample.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBundle } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const BUNDLE = sampleBundle('full');

// npm test builds dist first, so this is the command as users run it.
async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = spawnSync(process.execPath, [BIN, 'incidents', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Step { step: string; minutes: number | null; limitMinutes: number | null; lateMinutes: number | null; state: string }
interface Json {
  incidents: { id: string; gradeKey: string; verdict: string; steps: Step[]; logs: { count: number; rows: { eventId: string }[] } }[];
  episodes: { total: number; uncovered: number; items: { kind: string; covered: boolean; actor: string; events: { eventId: string }[]; nearestIncident: { id: string } | null }[] };
  deadlines: { reportDeadlineMinutes: Record<string, number> };
}


describe('compliance-desk incidents', () => {
  let json: Json;
  let text: string;

  beforeAll(async () => {
    const j = await cli([BUNDLE, '--json']);
    expect(j.code, j.stderr).toBe(0);
    json = JSON.parse(j.stdout);
    const t = await cli([BUNDLE]);
    expect(t.code, t.stderr).toBe(0);
    text = t.stdout;
  });

  it('shows the late incident 60 minutes past its grade deadline (major, reported after 300 min, limit 240)', () => {
    const inc = json.incidents.find((i) => i.id === 'INC-2026-002')!;
    expect(inc).toMatchObject({ gradeKey: 'major', verdict: 'late' });
    expect(inc.steps.find((s) => s.step === 'reported')).toMatchObject({ minutes: 300, limitMinutes: 240, lateMinutes: 60, state: 'late' });
    expect(json.incidents.find((i) => i.id === 'INC-2026-001')!.verdict).toBe('on_time');
    const block = text.slice(text.indexOf('事件 INC-2026-002'));
    expect(block).toMatch(/报告.*发现后 300 分钟\s+限 240 分钟\s+超时 60 分钟/);
  });

  it('lists the denied burst, the bulk download and the log deletion as uncovered, the bulk export beside INC-2026-001 as covered by it', () => {
    const open = json.episodes.items.filter((e) => !e.covered);
    expect(open.map((e) => e.kind).sort()).toEqual(['bulk_transfer', 'denied_burst', 'log_delete']);
    expect(json.episodes.uncovered).toBe(3);
    const covered = json.episodes.items.filter((e) => e.covered);
    expect(covered).toHaveLength(1);
    expect(covered[0]).toMatchObject({ kind: 'bulk_transfer', nearestIncident: { id: 'INC-2026-001' } });
    expect(text).toMatch(/已覆盖\s+大批量导出\/下载\/共享.*已由 INC-2026-001 覆盖/);
    expect(text.match(/未覆盖 {2}/g)).toHaveLength(3);
  });

  it('returns the logs around each incident, and a narrower window returns fewer', async () => {
    const wide = json.incidents.find((i) => i.id === 'INC-2026-002')!.logs;
    expect(wide.count).toBeGreaterThan(0);
    const r = await cli([BUNDLE, '--json', '--window', '-1h..+1h']);
    expect(r.code, r.stderr).toBe(0);
    const narrow = (JSON.parse(r.stdout) as Json).incidents.find((i) => i.id === 'INC-2026-002')!.logs;
    expect(narrow.count).toBeLessThan(wide.count);
  });

  it('takes the deadlines from --profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-incidents-'));
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ rules: { 'JZ-21-02': { params: { report_deadline_minutes: { major: 300 } } } } }));
    const r = await cli([BUNDLE, '--json', '--profile', profile]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.deadlines.reportDeadlineMinutes.major).toBe(300);
    const inc = out.incidents.find((i) => i.id === 'INC-2026-002')!;
    expect(inc.verdict).toBe('on_time');
    expect(inc.steps.find((s) => s.step === 'reported')).toMatchObject({ limitMinutes: 300, lateMinutes: 0 });
  });

  it('exits 2 on unusable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-incidents-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'JZ-21-02': { params: { report_deadline_minutes: 'soon' } } } }));
    for (const args of [[join(dir, 'missing')], [BUNDLE, '--window', '+72h..-24h'], [BUNDLE, '--profile', bad], [], [BUNDLE, '--nope']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('compliance-desk:');
    }
  });
});
