// Where each line of an imported bundle came from (provenance.json, written by `bundle
// import`): runs of consecutive bundle lines that are consecutive rows of one source file
// (and sheet). A finding on an imported bundle shows the operator's own file and row beside
// the bundle's.

export const PROVENANCE_FILE = 'provenance.json';

export interface ProvenanceSegment {
  /** First and last bundle line of the run (1-based, inclusive). */
  lines: [number, number];
  /** The file in the raw export, and its sheet for a workbook. */
  source: string;
  sheet?: string;
  /** The source row of the run's first line. */
  row: number;
}

export interface Provenance {
  format: 'bundle-provenance/1';
  /** The raw export's name (folder or zip) as it was imported. */
  raw: string;
  /** Segments by bundle file, in line order. */
  files: Record<string, ProvenanceSegment[]>;
}

export interface SourcePlace {
  file: string;
  sheet?: string;
  row: number;
}

/** Reads provenance.json's value defensively: anything malformed is no provenance. */
export function provenanceOf(v: unknown): Provenance | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (o.format !== 'bundle-provenance/1' || !o.files || typeof o.files !== 'object') return null;
  const files: Record<string, ProvenanceSegment[]> = {};
  for (const [file, list] of Object.entries(o.files as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    files[file] = list.filter((s): s is ProvenanceSegment => !!s && typeof s === 'object'
      && Array.isArray((s as ProvenanceSegment).lines) && (s as ProvenanceSegment).lines.length === 2
      && (s as ProvenanceSegment).lines.every((n) => Number.isInteger(n))
      && typeof (s as ProvenanceSegment).source === 'string' && Number.isInteger((s as ProvenanceSegment).row));
  }
  return { format: 'bundle-provenance/1', raw: typeof o.raw === 'string' ? o.raw : '', files };
}

/** The source file, sheet and row of a bundle file's line; null when the line was not imported. */
export function sourceOf(p: Provenance, file: string, line: number): SourcePlace | null {
  const segs = p.files[file];
  if (!segs?.length) return null;
  // Binary search: segments are in line order.
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid];
    if (line < s.lines[0]) hi = mid - 1;
    else if (line > s.lines[1]) lo = mid + 1;
    else return { file: s.source, ...(s.sheet ? { sheet: s.sheet } : {}), row: s.row + (line - s.lines[0]) };
  }
  return null;
}

/** Where in the operator's own export a line came from, as people read it. */
export function sourcePlaceText(p: SourcePlace, lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? `原始导出：${p.file}${p.sheet ? `（工作表 ${p.sheet}）` : ''} 第 ${p.row} 行`
    : `Export: ${p.file}${p.sheet ? ` (sheet ${p.sheet})` : ''}, row ${p.row}`;
}
