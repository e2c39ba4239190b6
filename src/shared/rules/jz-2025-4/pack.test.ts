// The meta-test of the pack: every rule is registered, documented, parameterised with
// sources, and has a test file with a case for its adverse outcome.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeWordsIn } from '../../code-words.js';
import { RULES, pack } from './index.js';
import { SPEC } from '../../../../test/fixtures.js';

const DIR = import.meta.dirname;
const CATALOGUE = join(SPEC, 'rules-jz-2025.md');

const ruleFiles = readdirSync(DIR).filter((f) => /^JZ-\d{2}-\d{2}\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();

describe('rule pack jz-2025-4', () => {
  it('registers every rule file exactly once, in id order', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids).toEqual(ruleFiles);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pack.id).toBe('jz-2025-4');
  });

  it('holds exactly the rules of the catalogue, with its articles and severities', () => {
    const text = readFileSync(CATALOGUE, 'utf8');
    const listed = [...text.matchAll(/\*\*(JZ-(\d{2})-\d{2})\*\* \((high|medium|low)\)/g)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(listed).toHaveLength(47);
    expect(RULES.map((r) => [r.meta.id, r.meta.article, r.meta.severity])).toEqual(listed);
  });

  describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    it('names its file after its id and documents itself', () => {
      expect(ruleFiles).toContain(id);
      expect(rule.meta.title.length).toBeGreaterThan(4);
      expect(rule.meta.articleText.length).toBeGreaterThan(20);
      expect(rule.meta.evidence.length).toBeGreaterThan(0);
    });

    it('speaks to reviewers: an English title, labelled figures and parameters, no words of code', () => {
      const m = rule.meta;
      expect(m.titleEn.trim().length, `${id} titleEn`).toBeGreaterThan(4);
      expect(Object.keys(m.figures).length, `${id} figures`).toBeGreaterThan(0);
      const read = [m.title, m.notes ?? '', ...m.evidence, ...Object.values(m.params).flatMap((p) => [p.description, p.label.zh])];
      for (const f of Object.values(m.figures)) {
        expect(f.label.zh.trim() && f.label.en.trim(), `${id} figure label`).toBeTruthy();
        read.push(f.label.zh);
        const inner = f.kind === 'table' ? Object.values(f.columns) : f.kind === 'record' ? Object.values(f.fields) : f.kind === 'map' ? [f.key, f.value] : [];
        for (const c of inner) {
          expect(c.label.zh.trim() && c.label.en.trim(), `${id} column label`).toBeTruthy();
          read.push(c.label.zh);
        }
      }
      for (const p of Object.values(m.params)) expect(p.label.en.trim().length, `${id} param label en`).toBeGreaterThan(0);
      expect(read.flatMap((t) => codeWordsIn(t)), `${id} words of code`).toEqual([]);
    });

    it('declares each parameter with a default of its type and a legal source', () => {
      for (const [name, spec] of Object.entries(rule.meta.params)) {
        expect(spec.source.trim().length, `${id}.${name} source`).toBeGreaterThan(0);
        expect(spec.description.trim().length, `${id}.${name} description`).toBeGreaterThan(0);
        expect(spec.default, `${id}.${name} default`).not.toBeUndefined();
      }
    });

    it('has a test beside it with a case for its adverse outcome', () => {
      const testPath = join(DIR, `${id}.test.ts`);
      expect(existsSync(testPath)).toBe(true);
      const source = readFileSync(join(DIR, `${id}.ts`), 'utf8');
      const test = readFileSync(testPath, 'utf8');
      // A rule that can fail must be tested failing; one whose worst is needs_review, so.
      const adverse = rule.meta.worst ?? 'fail';
      if (adverse === 'fail') expect(source).toMatch(/'fail'|failRows|checkAssessment/);
      expect(test).toMatch(new RegExp(`toBe\\(['"]${adverse}['"]\\)|status: ['"]${adverse}['"]`));
      expect(test).toMatch(/toBe\(['"]pass['"]\)|status: ['"]pass['"]|toBe\(['"]not_applicable['"]\)/);
    });
  });
});
