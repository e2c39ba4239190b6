import { describe, expect, it } from 'vitest';
import { CsvLogParser, JsonlLogParser, MAX_LINE_CHARS } from './logs.js';
import type { InputIssue, LogEvent } from './types.js';

function run(parser: 'csv' | 'jsonl', text: string, tz = 'Asia/Shanghai') {
  const events: LogEvent[] = [];
  const issues: InputIssue[] = [];
  const P = parser === 'csv' ? CsvLogParser : JsonlLogParser;
  const p = new P('logs/x', tz, (e) => events.push(e), (i) => issues.push(i));
  p.push(text);
  p.end();
  return { events, issues };
}

describe('log events', () => {
  it('reads CSV logs with Chinese headers and action values, keeping the raw fields for the hash chain', () => {
    const text = '事件编号,操作时间,操作人,操作类型,资源类型,资源,结果,渠道,记录数,接收方\r\n'
      + 'E1,2026/03/01 09:15:00,u1,导出,数据集,DS-1,成功,线下,"1,200",P01\r\n';
    const { events, issues } = run('csv', text);
    expect(issues).toEqual([]);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e).toMatchObject({
      eventId: 'E1', line: 2, action: 'export', resourceType: 'dataset', result: 'success', channel: 'offline', records: 1200, destination: 'P01',
      t: Date.parse('2026-03-01T01:15:00Z'), prevHash: null, hash: null,
    });
    expect(e.rawFields).toEqual({ event_id: 'E1', ts: '2026/03/01 09:15:00', actor: 'u1', action: '导出', resource: 'DS-1', result: '成功' });
  });

  it('keeps an event with an empty ts, and skips one whose ts cannot be read', () => {
    const lines = [
      JSON.stringify({ event_id: 'A', ts: '', actor: 'u', action: 'login', result: 'success' }),
      JSON.stringify({ event_id: 'B', ts: 'not a time', actor: 'u', action: 'login', result: 'success' }),
      '{broken json',
      '',
      JSON.stringify({ event_id: 'C', ts: '2026-01-01T00:00:00Z', action: 'teleport', result: 'success' }),
      JSON.stringify({ event_id: 'D', ts: '2026-01-01T00:00:00Z', action: 'teleport', result: 'success' }),
    ];
    const { events, issues } = run('jsonl', lines.join('\n'));
    expect(events.map((e) => [e.eventId, e.line])).toEqual([['A', 1], ['C', 5], ['D', 6]]);
    expect(Number.isNaN(events[0].t)).toBe(true);
    expect(issues.map((i) => [i.line, i.severity])).toEqual([[2, 'error'], [3, 'error'], [5, 'warning']]);
    expect(issues[2].message).toContain('teleport');
  });

  it('reports CSV records whose field count differs from the header', () => {
    const { events, issues } = run('csv', 'event_id,ts,action\nE1,2026-01-01T00:00:00Z,login\nE2,2026-01-01T00:00:00Z\n');
    expect(events.map((e) => e.eventId)).toEqual(['E1']);
    expect(issues).toMatchObject([{ line: 3, severity: 'error' }]);
  });

  it('accepts JSONL with CRLF and alias keys', () => {
    const { events } = run('jsonl', '{"日志编号":"E9","时间":"2026-05-01 08:00:00","操作":"下载","结果":"denied"}\r\n');
    expect(events[0]).toMatchObject({ eventId: 'E9', action: 'download', result: 'denied', t: Date.parse('2026-05-01T00:00:00Z') });
  });

  it('skips a line past the limit as one line with one issue, however many chunks it spans, and reads the next line', () => {
    const events: LogEvent[] = [];
    const issues: InputIssue[] = [];
    const p = new JsonlLogParser('logs/x', 'Asia/Shanghai', (e) => events.push(e), (i) => issues.push(i));
    const chunk = `{"event_id":"X","pad":"${'x'.repeat(MAX_LINE_CHARS / 4)}`;
    // About 20 times the limit, the tail of which would parse as an event if it were taken for a line.
    for (let i = 0; i < 80; i++) p.push(chunk);
    p.push('","action":"log_delete"}\n{"event_id":"E2","ts":"2026-05-01 08:00:00","action":"query"}\n');
    p.end();
    expect(issues).toEqual([expect.objectContaining({ file: 'logs/x', line: 1, message: expect.stringContaining('整行已跳过') })]);
    expect(events.map((e) => [e.eventId, e.line])).toEqual([['E2', 2]]);
  });
});
