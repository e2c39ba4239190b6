// The samples a suggested mapping is made from: each file of a raw export (each sheet of a
// workbook), its column names (nested JSON as dotted paths) and its first few hundred values.

import { cellText } from '../../../shared/import/mapping.js';
import { suggestMapping, type SourceSample, type Suggestion } from '../../../shared/import/suggest.js';
import { openSource } from '../bundle/source.js';
import type { SourceProblem } from '../../../shared/import/report.js';
import { formatOf, readSourceRows } from './read-source.js';

/** Rows sampled per source; distinct values are gathered over more rows, a few per column. */
const SAMPLE_ROWS = 300;
const DISTINCT_ROWS = 20_000;
const DISTINCT_MAX = 100;

/** An object's leaves as dotted paths: {meta: {id: 1}} → {"meta.id": 1}. */
function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && depth < 8) flatten(v as Record<string, unknown>, key, out, depth + 1);
    else out[key] = v;
  }
  return out;
}

export async function suggestForExport(rawPath: string): Promise<Suggestion & { problems: SourceProblem[]; samples: SourceSample[] }> {
  const src = await openSource(rawPath);
  const problems: SourceProblem[] = [];
  const samples: SourceSample[] = [];
  const copies: { match: string; to: string }[] = [];
  try {
    for (const file of src.list()) {
      const copy = copyOf(file);
      if (copy) {
        copies.push(copy);
        continue;
      }
      if (!formatOf(file)) continue;
      const bySheet = new Map<string, SourceSample>();
      const rowsSeen = new Map<string, number>();
      // Every sheet of a workbook: the pattern "*" matches each name.
      for await (const row of readSourceRows(src, file, { match: file, target: '', columns: {}, sheet: formatOf(file) === 'xlsx' ? '*' : undefined }, problems)) {
        const key = row.sheet ?? '';
        let s = bySheet.get(key);
        if (!s) bySheet.set(key, (s = { file, ...(row.sheet ? { sheet: row.sheet } : {}), columns: [], values: {}, distinct: {} }));
        rowsSeen.set(key, (rowsSeen.get(key) ?? 0) + 1);
        const cells = flatten(row.cells);
        for (const [c, v] of Object.entries(cells)) {
          if (!s.values[c]) {
            s.columns.push(c);
            s.values[c] = [];
          }
          const text = cellText(v);
          if (s.values[c].length < SAMPLE_ROWS) s.values[c].push(text);
          const d = (s.distinct![c] ??= []);
          if (d.length < DISTINCT_MAX && text.length <= 64 && !d.includes(text)) d.push(text);
        }
        if ([...rowsSeen.values()].every((n) => n >= DISTINCT_ROWS)) break;
      }
      samples.push(...bySheet.values());
    }
  } finally {
    await src.close();
  }
  const s = suggestMapping(samples);
  // One copy entry per folder and destination: docs/policies/* rather than each file.
  const copy = [...new Map(copies.map((c) => [`${c.match}|${c.to}`, c])).values()];
  return { ...s, mapping: { ...s.mapping, ...(copy.length ? { copy } : {}) }, problems, samples };
}

/** The bundle's JSON documents and policy files an export hands over as they are: copied, not mapped. */
const DOCUMENTS = new Set(['operator.json', 'agreement.json', 'platform.json', 'evaluations.json']);

function copyOf(file: string): { match: string; to: string } | null {
  const name = file.split('/').pop() ?? file;
  const folder = file.slice(0, file.length - name.length);
  if (DOCUMENTS.has(name.toLowerCase())) return { match: file, to: '' };
  if (/(^|\/)(policies|制度)\/[^/]+$/i.test(file) && /\.(md|txt|docx|pdf)$/i.test(name)) return { match: `${folder}*`, to: 'policies' };
  return null;
}
