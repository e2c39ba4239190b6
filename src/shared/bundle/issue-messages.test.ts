import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeWordsIn } from '../code-words.js';
import { ISSUE_MESSAGES, inputIssue, issueMessage } from './issue-messages.js';

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$|testing\.ts$/.test(f) ? [p] : [];
  });
}

describe('input issue messages', () => {
  it('gives every id a Chinese text without words of code and an English text, with the same parameters', () => {
    for (const [code, { zh, en }] of Object.entries(ISSUE_MESSAGES)) {
      expect(codeWordsIn(zh.replace(/\{\w+\}/g, '')), code).toEqual([]);
      const params = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(zh).every((p) => params(en).includes(p)), code).toBe(true);
    }
  });

  it('is the only way the readers make an input issue: no issue written as a bare object with a message', () => {
    const bare = sources(SRC).filter((f) => /severity: '(error|warning|info)',?\s*message:/.test(readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });

  it('shows an issue in either language from its id, and an older issue without one as written', () => {
    const issue = inputIssue('logs/a.csv', 8, 'error', 'csv.field-count', { fields: 3, header: 5 });
    expect(issue.message).toBe('该行有 3 个字段，表头有 5 个；该行已跳过');
    expect(issueMessage(issue, 'en')).toBe('3 fields where the header has 5; the row was skipped');
    expect(issueMessage({ file: 'x', line: null, severity: 'info', message: '旧的说明' }, 'en')).toBe('旧的说明');
  });
});
