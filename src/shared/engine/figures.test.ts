import { describe, expect, it } from 'vitest';
import { UNITS, figureLines, figureProblems, paramValueText, percentText, timeText, type FigureSpecs } from './figures.js';

const SPECS: FigureSpecs = {
  events: { kind: 'count', unit: UNITS.events, label: { zh: '事件', en: 'Events' } },
  ratio: { kind: 'ratio', label: { zh: '占比', en: 'Share' } },
  grade: { kind: 'enum', names: 'incidentGrade', label: { zh: '等级', en: 'Grade' } },
  ok: { kind: 'boolean', label: { zh: '达标', en: 'Met' } },
  at: { kind: 'time', label: { zh: '时间', en: 'Time' } },
  stages: {
    kind: 'record', label: { zh: '同步', en: 'Together' },
    fields: { planned: { kind: 'boolean', label: { zh: '同步规划', en: 'Planned' } } },
  },
  byField: {
    kind: 'map', label: { zh: '缺失', en: 'Missing' },
    key: { kind: 'enum', names: 'logField', label: { zh: '字段', en: 'Field' } },
    value: { kind: 'count', unit: UNITS.events, label: { zh: '条数', en: 'Events' } },
  },
  late: {
    kind: 'table', label: { zh: '超时', en: 'Late' },
    columns: { id: { kind: 'text', label: { zh: '编号', en: 'Id' } }, minutes: { kind: 'duration', unit: 'minutes', label: { zh: '超时', en: 'Late by' } } },
  },
};

describe('figures', () => {
  it('shows each figure by its label and kind, in the declared order', () => {
    const figures = { late: [{ id: 'INC-1', minutes: 12 }], ok: false, events: 12345, ratio: 0.0001, grade: 'major', at: '2026-05-04T10:12:00+08:00',
      stages: { planned: true }, byField: { actor: 1, resource_type: 2 } };
    expect(figureLines(figures, SPECS, 'zh')).toEqual([
      { key: 'events', label: '事件', text: '12,345 条' },
      { key: 'ratio', label: '占比', text: '0.01 %' },
      { key: 'grade', label: '等级', text: '重大' },
      { key: 'ok', label: '达标', text: '否' },
      { key: 'at', label: '时间', text: '2026-05-04 10:12:00 +08:00' },
      { key: 'stages', label: '同步', text: '同步规划：是' },
      { key: 'byField', label: '缺失', table: { headers: ['字段', '条数'], rows: [['操作人', '1 条'], ['资源类型', '2 条']], total: 2 } },
      { key: 'late', label: '超时', table: { headers: ['编号', '超时'], rows: [['INC-1', '12 分钟']], total: 1 } },
    ]);
  });

  it('writes English units plural, and singular for one', () => {
    const en = figureLines({ events: 1, grade: 'major', ok: true }, SPECS, 'en').map((l) => ('text' in l ? l.text : ''));
    expect(en).toEqual(['1 event', 'Major', 'Yes']);
    expect(figureLines({ events: 2 }, SPECS, 'en')[0]).toMatchObject({ text: '2 events' });
  });

  it('never shows a non-zero share as zero', () => {
    expect(percentText(0)).toBe('0 %');
    expect(percentText(0.000_01)).toBe('< 0.01 %');
    expect(percentText(12.345)).toBe('12.35 %');
    expect(timeText('not a time')).toBe('not a time');
  });

  it('names what does not fit the declarations', () => {
    expect(figureProblems({ events: 1.5, undeclared: 1, late: [{ id: 'x', extra: 1 }], grade: 3 }, SPECS)).toEqual([
      'events: not an integer or a list', 'undeclared: not declared in meta.figures', 'late.extra: not declared', 'grade: not a string',
    ]);
    expect(figureProblems({ events: [1, 2], byField: { actor: 3 } }, SPECS)).toEqual([]);
  });

  it('shows a record parameter with its keys named', () => {
    const spec = { type: 'record<number>' as const, default: {}, source: 's', description: 'd', label: { zh: '时限', en: 'Limit' }, unit: { zh: '分钟', en: 'minutes' }, keys: 'incidentGrade' as const };
    expect(paramValueText(spec, { especially_major: 240, general: 1440 }, 'zh')).toBe('特别重大：240 分钟；一般：1,440 分钟');
  });
});
