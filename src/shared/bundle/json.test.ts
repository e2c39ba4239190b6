import { describe, expect, it } from 'vitest';
import { checkJsonDepth, JsonTooDeep, MAX_JSON_DEPTH, parseJson } from './json.js';

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('parseJson', () => {
  it('parses what JSON.parse parses, up to the depth limit', () => {
    expect(parseJson('{"a":[1,{"b":"{[[[["}]}')).toEqual({ a: [1, { b: '{[[[[' }] });
    expect(parseJson(nested(MAX_JSON_DEPTH))).toEqual(JSON.parse(nested(MAX_JSON_DEPTH)));
  });

  it('refuses a document one level deeper, naming the line, before anything walks it', () => {
    const deep = `{\n"x":\n${nested(MAX_JSON_DEPTH)}}`;
    expect(() => parseJson(deep)).toThrow(JsonTooDeep);
    expect(() => parseJson(deep)).toThrow(`JSON 嵌套超过 ${MAX_JSON_DEPTH} 层（第 3 行）`);
    // 5,000 levels in 10 KB: refused in one pass, not a stack overflow later.
    expect(() => parseJson(nested(5000))).toThrow(SyntaxError);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ s: `\\"${'['.repeat(500)}` });
    expect(() => checkJsonDepth(text)).not.toThrow();
    expect(parseJson<{ s: string }>(text).s).toHaveLength(502);
  });
});
