// What an import (or its dry run) reports: per source file and field, and per bundle file.
// The command line prints it; the workbench shows it while the mapping is being made.

/** A problem with the file as a whole or one of its rows: what the dry run and the import report. */
export interface SourceProblem {
  file: string;
  sheet?: string;
  row: number | null;
  message: string;
  /** The bundle field a problem of mapping is about (an unmapped value, a time, a column); none for the file's own problems. */
  field?: string;
}

/** What one field of one source did: values nobody mapped and times no format read, with counts and first rows. */
export interface FieldReport {
  unmapped: Record<string, { count: number; firstRow: number }>;
  badTimes: { count: number; first: { row: number; value: string }[] };
  missingColumn: string | null;
}

export interface SourceReport {
  /** The mapping's source: its match pattern and the file it matched. */
  match: string;
  file: string;
  sheet?: string | number;
  rowsRead: number;
  rowsFiltered: number;
  rowsMapped: number;
  /** Rows by bundle file (a split source feeds several). */
  targets: Record<string, number>;
  fields: Record<string, FieldReport>;
}

export interface ImportReport {
  sources: SourceReport[];
  /** Mapping sources that matched no file of the export. */
  unmatched: string[];
  /** Files of the export no source or copy took. */
  unused: string[];
  copied: string[];
  problems: SourceProblem[];
  /** Problems past the first MAX_PROBLEMS, counted. */
  moreProblems: number;
  /** Rows each bundle file receives. */
  targets: Record<string, number>;
  /** The bundle folder written (null in a dry run). */
  out: string | null;
}

