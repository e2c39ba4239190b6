// The incident section rendered for real: pdfmake draws the timelines (a malformed vector
// would throw), and the text a reader extracts holds the lateness and the episodes.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTool } from '../../../../test/tools.js';
import { makeRecords } from '../../../shared/engine/testing.js';
import { incidentTimelines, timelineParams } from '../../../shared/incidents/timeline.js';
import { testFindings, testMetas } from '../../../shared/report/testing.js';
import { renderReport } from '../pdf/render.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-incident-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report with the incident section', () => {
  it('renders the timelines and the episodes into the PDF', async () => {
    const params = timelineParams(undefined);
    const timelines = incidentTimelines(makeRecords({
      incidents: [
        { id: 'INC-LATE', type: 'leak', grade: 'major', detected_at: '2026-10-21T08:10:00+08:00', plan_activated_at: '2026-10-21T08:25:00+08:00', reported_at: '2026-10-21T13:10:00+08:00', closed_at: '2026-10-23T18:00:00+08:00', datasets: ['DS-HEALTH-02'] },
        { id: 'INC-OPEN', type: 'loss', grade: 'unknown', detected_at: '2026-06-01T09:00:00+08:00', plan_activated_at: '2026-06-01T09:10:00+08:00' },
        { id: 'INC-UNDATED', grade: 'general' },
      ],
    }), params);
    const { pdf } = await renderReport({
      findings: testFindings(), rules: testMetas(), reportId: 'CD-INC-1', reportDate: '2027-01-06',
      incidents: {
        timelines, deadlines: params, episodeTotal: 1,
        episodes: [{
          key: 'log_delete|u6|logs/a.jsonl:3', kind: 'log_delete', actor: 'u6', first: '2026-08-30T02:17:00+08:00', last: '2026-08-30T02:17:00+08:00',
          eventCount: 1, events: [{ file: 'logs/a.jsonl', line: 3, eventId: 'E00007122', at: '2026-08-30T02:17:00+08:00' }], nearestIncident: null, covered: false,
        }],
        judgments: [{ episodeKey: 'log_delete|u6|logs/a.jsonl:3', verdict: 'explained', note: '例行日志轮转' }],
      },
    });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const r = runTool('pdftotext', ['-layout', file, '-']);
    expect(r.code, r.out).toBe(0);
    const text = r.stdout.replace(/[ \t]+/g, ' ');
    expect(text).toContain('数据安全事件专项核查');
    expect(text).toContain('INC-LATE');
    expect(text).toContain('超时 60 分钟');
    expect(text).toContain('INC-UNDATED');
    expect(text).toContain('E00007122');
    expect(text).toContain('例行日志轮转');
  });
});
