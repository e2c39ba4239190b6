import { describe, expect, it } from 'vitest';
import { issueText } from './issue-messages.js';
import { CsvParser, parseCsv, type CsvError, type CsvRecord } from './csv.js';

function chunked(text: string, size: number) {
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  const p = new CsvParser((r) => records.push(r), (e) => errors.push(e));
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  p.end();
  return { records, errors };
}

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and counts physical lines', () => {
    const text = 'id,note\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,end\r\n';
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['id', 'note']], [2, ['1', 'a, b']], [3, ['2', 'say "hi"']], [4, ['3', 'two\r\nlines']], [6, ['4', 'end']],
    ]);
    expect(records[3].raw).toBe('3,"two\r\nlines"');
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,b,c\n"x\ny","q""",\n1,2,3\r\n"",,"z"\n\n5,"6\r\n",7';
    const whole = parseCsv(text);
    for (let size = 1; size <= text.length; size++) {
      expect(chunked(text, size)).toEqual(whole);
    }
    expect(whole.records.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['x\ny', 'q"', ''], ['1', '2', '3'], ['', '', 'z'], ['5', '6\r\n', '7']]);
  });

  it('reports an unterminated quoted field with its line and keeps the records before it', () => {
    const { records, errors } = parseCsv('id,v\n1,ok\n2,"never closed\n3,x\n');
    expect(records.map((r) => r.fields[0])).toEqual(['id', '1']);
    expect(errors).toHaveLength(1);
    // Lines 3 and 4 were swallowed by the open quote: the message says so and from where.
    expect(errors[0]).toMatchObject({ line: 3, code: 'csv.unterminated-quote', params: { line: 3, lines: 2 } });
    expect(issueText(errors[0].code, errors[0].params, 'zh')).toBe('第 3 行开始的带引号字段没有闭合：从该行到文件末尾共 2 行被读成同一条记录，已整条跳过；请检查该行的引号');
  });

  it('flags text after a closing quote', () => {
    const { records, errors } = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(errors).toMatchObject([{ line: 2, code: 'csv.text-after-quote' }]);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['3', '4']]);
  });

  it('handles a lone CR line ending and a missing final newline', () => {
    const { records } = parseCsv('a,b\r1,2\r3,4');
    expect(records.map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,\n').records[0].fields).toEqual(['a', '']);
  });
});
