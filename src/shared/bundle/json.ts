// JSON as the tool reads it from files it did not write: JSON.parse, but a document nested
// deeper than MAX_JSON_DEPTH is refused before parsing. Deep nesting costs nothing to send
// and overflows the stack of whatever walks the value later (structured clone to a worker,
// canonical JSON, JSON.stringify), so it is stopped at the door.

/** Objects and arrays nested deeper than this are refused. */
export const MAX_JSON_DEPTH = 64;

/** A document nested past the limit; a SyntaxError, so callers report it as they report bad JSON. */
export class JsonTooDeep extends SyntaxError {
  constructor(readonly limit: number, readonly line: number) {
    super(`JSON 嵌套超过 ${limit} 层（第 ${line} 行）`);
    this.name = 'JsonTooDeep';
  }
}

const OPEN_OBJECT = 123; // {
const OPEN_ARRAY = 91; // [
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** Brackets in `text`, counted by native search: a text with few of them cannot be deep. */
function bracketsAtLeast(text: string, n: number): boolean {
  let count = 0;
  for (const ch of ['{', '[']) {
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) if (++count > n) return true;
  }
  return false;
}

/** Throws JsonTooDeep when an object or array opens deeper than `limit`; one linear pass outside strings. */
export function checkJsonDepth(text: string, limit = MAX_JSON_DEPTH): void {
  if (!bracketsAtLeast(text, limit)) return;
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) throw new JsonTooDeep(limit, line);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
}

/** JSON.parse of a text from outside, refused when nested deeper than `limit`. */
export function parseJson<T = unknown>(text: string, limit = MAX_JSON_DEPTH): T {
  checkJsonDepth(text, limit);
  return JSON.parse(text) as T;
}
