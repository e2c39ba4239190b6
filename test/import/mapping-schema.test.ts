// The mapping's JSON Schema, the hand-written fixture mappings and the worked example of
// mapping-v1.md agree: each validates, and the import's own check finds nothing in them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { mappingShapeProblems } from '../../src/shared/import/mapping.js';
import { mappingProblems } from '../../src/main/services/import/import-bundle.js';
import { REPO, SPEC } from '../fixtures.js';

const schema = JSON.parse(readFileSync(join(SPEC, 'mapping.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readFileSync(join(SPEC, 'mapping-v1.md'), 'utf8'))![1]) as unknown;
const fixtures = ['xlsx', 'gb18030', 'jsonl'].map((s) => [s, JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'import', `${s}.mapping.json`), 'utf8')) as unknown] as const);

describe('mappings', () => {
  it.each([['the worked example', example] as const, ...fixtures])('%s: valid by the schema and by the import', (_name, m) => {
    expect(validate(m), JSON.stringify(validate.errors)).toBe(true);
    expect(mappingShapeProblems(m)).toEqual([]);
    expect(mappingProblems(m as never)).toEqual([]);
  });

  it('names where a broken mapping is wrong and what to write', () => {
    const broken = { format: 'bundle-mapping/1', sources: [{ match: 'a.csv', target: 'logs/a.jsonl', times: { ts: { formats: ['HH:mm'] } }, values: { action: { map: { 下载: 1 } } } }] };
    expect(validate(broken)).toBe(false);
    expect(mappingShapeProblems(broken)).toEqual([
      'sources[0].values.action 应为 {"map": {"原始取值": "证据包取值"}, "otherwise": "warn" | "keep" | 取值}',
      'sources[0].times.ts.formats 中的 “HH:mm” 不是时间格式：至少要有 YYYY、M、D，或用 iso、epoch-s、epoch-ms、excel-serial',
    ]);
    expect(mappingProblems({ format: 'bundle-mapping/1', sources: [{ match: 'a.csv', target: 'logs.csv', columns: { when: '时间' } }] })).toEqual([
      expect.stringContaining('target “logs.csv” 不是证据包文件'),
    ]);
  });
});
