// The workbench's words for enumerations come from the one name table (src/shared/names.ts):
// these entries put them under the message keys the screens use (status.pass, …).

import { NAMES, type Lang, type NameTable } from '../../shared/names.js';

type Keyed<P extends string, T extends NameTable> = { [K in keyof (typeof NAMES)[T] as `${P}.${K & string}`]: string };

export function named<P extends string, T extends NameTable>(prefix: P, table: T, lang: Lang): Keyed<P, T> {
  return Object.fromEntries(Object.entries(NAMES[table]).map(([k, w]) => [`${prefix}.${k}`, w[lang]])) as Keyed<P, T>;
}
