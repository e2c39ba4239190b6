// Finds words of code in text meant for people: camelCase and snake_case identifiers and
// raw enumeration values, outside file names and outside “quotes” — a value quoted is the
// operator's own word as the bundle wrote it (one our name tables do not know). Tests run it
// over every message, report page, export cell and screen a reviewer reads.

import { NAMES } from './names.js';

// A file name may hold any characters but white space and the punctuation around it (report-已签名-审核.pdf).
const FILE_NAME = /[^\s“”，；：、（）()]+\.(?:jsonl|json|csv|md|txt|pdf|docx|gz|zip|xlsx|p12|pem|der|xml|html)\b/gi;
const PATH = /\b[\w.-]+\/[\w./-]*/g;
/** A hyphenated token is a name or an id (DS-ENV-08, a bundle folder named other-operator-bundle). */
const HYPHENATED = /[\w]+(?:-[\w]+)+/g;
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const CAMEL = /\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g;
const WORD = /\b[a-z]+\b/g;
const QUOTED = /“[^“”\n]{1,80}(?:”|$)/g;

/** Raw values a reviewer must never read in Chinese text: every enumeration key, and JSON literals. */
const RAW_VALUES = new Set<string>([
  ...Object.values(NAMES).flatMap((t) => Object.keys(t)),
  'true', 'false', 'null', 'undefined', 'NaN',
]);

/**
 * The words of code in `text`. With `chinese`, also every lower-case English word that is
 * an enumeration value (in English text those are ordinary words).
 */
export function codeWordsIn(text: string, chinese = true): string[] {
  const t = text.replace(QUOTED, ' ').replace(FILE_NAME, ' ').replace(PATH, ' ').replace(HYPHENATED, ' ');
  const found = [...(t.match(SNAKE) ?? []), ...(t.match(CAMEL) ?? [])];
  if (chinese) found.push(...(t.match(WORD) ?? []).filter((w) => RAW_VALUES.has(w)));
  return [...new Set(found)];
}
