// The samples a suggested mapping is made from: each file of a raw export (each sheet of a
// workbook), its column names (nested JSON as dotted paths) and its first few hundred values.

import { cellText } from '../../../shared/import/mapping.js';
import { suggestMapping, type SourceSample, type Suggestion } from '../../../shared/import/suggest.js';
import { openSource } from '../bundle/source.js';
import { formatOf, readSourceRows, type SourceProblem } from './read-source.js';

/** Rows sampled per source. */
const SAMPLE_ROWS = 300;

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
  try {
    for (const file of src.list()) {
      if (!formatOf(file)) continue;
      const bySheet = new Map<string, SourceSample>();
      // Every sheet of a workbook: the pattern "*" matches each name.
      for await (const row of readSourceRows(src, file, { match: file, target: '', columns: {}, sheet: formatOf(file) === 'xlsx' ? '*' : undefined }, problems)) {
        const key = row.sheet ?? '';
        let s = bySheet.get(key);
        if (!s) bySheet.set(key, (s = { file, ...(row.sheet ? { sheet: row.sheet } : {}), columns: [], values: {} }));
        const cells = flatten(row.cells);
        for (const [c, v] of Object.entries(cells)) {
          if (!s.values[c]) {
            s.columns.push(c);
            s.values[c] = [];
          }
          if (s.values[c].length < SAMPLE_ROWS) s.values[c].push(cellText(v));
        }
        if ([...bySheet.values()].every((x) => Object.values(x.values).every((v) => v.length >= SAMPLE_ROWS))) break;
      }
      samples.push(...bySheet.values());
    }
  } finally {
    await src.close();
  }
  return { ...suggestMapping(samples), problems, samples };
}
