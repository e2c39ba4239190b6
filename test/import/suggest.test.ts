// The suggested mapping of each raw export, against the mapping written by hand for it:
// every column, value and time format is either what the hand mapping says or marked unsure.
// The test counts both, and fails on a guess that is wrong and not marked.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suggestForExport } from '../../src/main/services/import/suggest-export.js';
import { unsureText } from '../../src/shared/import/suggest.js';
import { matchesGlob, TARGET_FIELDS, targetKind, type Mapping } from '../../src/shared/import/mapping.js';
import { REPO } from '../fixtures.js';
import { makeRawExport, SHAPES } from './raw-exports.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-suggest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(SHAPES)('the suggested mapping of the %s export', (shape) => {
  it('is right on every column, value and time format, or marks it unsure', async () => {
    const hand = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'import', `${shape}.mapping.json`), 'utf8')) as Mapping;
    const raw = await makeRawExport('full', shape, dir);
    const s = await suggestForExport(raw);
    const counts = { right: 0, marked: 0 };
    const wrong: string[] = [];
    const judge = (ok: boolean, marked: boolean, what: string) => {
      if (ok) counts.right++;
      else if (marked) counts.marked++;
      else wrong.push(what);
    };
    for (const sug of s.mapping.sources) {
      const h = hand.sources.find((x) => matchesGlob(x.match, sug.match) && (x.sheet === undefined || (sug.sheet !== undefined && matchesGlob(String(x.sheet), String(sug.sheet)))));
      const where = `${sug.match}${sug.sheet ? `（${sug.sheet}）` : ''}`;
      const notes = s.unsure.filter((u) => u.where === where).map((u) => unsureText(u));
      if (!h) continue; // a file the hand mapping copies as it is (docs/*.json): its guess is marked unsure or unused
      const kind = targetKind(h.target)!;
      judge(targetKind(sug.target) === kind, notes.some((n) => n.includes('不确定对应哪个证据包文件')), `${where}: target ${sug.target} for ${h.target}`);
      const handColumns = h.columns ?? Object.fromEntries(TARGET_FIELDS[kind].filter((f) => Object.values(sug.columns ?? {}).includes(f) || f in (sug.columns ?? {})).map((f) => [f, f]));
      const sample = s.samples.find((x) => x.file === sug.match && x.sheet === sug.sheet)!;
      for (const [field, column] of Object.entries(handColumns)) {
        if (!sample.columns.includes(column)) continue; // a column this file never holds (an older export without a chain)
        judge(sug.columns?.[field] === column, notes.some((n) => n.includes(`${field} ←`) || n.includes(`列 ${column} 没有对应的字段`)), `${where}: ${field} ← ${sug.columns?.[field]} (hand: ${column})`);
      }
      for (const [field, vm] of Object.entries(h.values ?? {})) {
        for (const [word, value] of Object.entries(vm.map)) {
          const got = sug.values?.[field]?.map[word];
          // Judged where the sample held the word: the suggestion named it, or said it could not.
          const seen = got !== undefined || notes.some((n) => n.includes(`“${word}”`));
          if (!seen) continue;
          judge(got === value, notes.some((n) => n.includes(`“${word}”`)), `${where}: ${field} “${word}” → ${got} (hand: ${value})`);
        }
      }
      for (const field of Object.keys(h.times ?? {})) {
        // A time whose column went unguessed is already marked with its column.
        judge(sug.times?.[field] !== undefined, notes.some((n) => n.includes(`${field} 的时间格式`)) || sug.columns?.[field] !== handColumns[field], `${where}: no time format for ${field}`);
      }
    }
    process.stdout.write(`${shape}: ${counts.right} right, ${counts.marked} marked unsure, ${wrong.length} wrong\n`);
    expect(wrong).toEqual([]);
    expect(counts.right).toBeGreaterThan(20);
  }, 120_000);
});
