/** How far a review has come: what the CLI's bar and the workbench's progress show. */
export interface Progress {
  phase: 'records' | 'logs' | 'verdicts' | 'done';
  bytesDone: number;
  bytesTotal: number;
  events: number;
  eventsPerSecond: number;
  /** Seconds left, null while unknown. */
  etaSeconds: number | null;
}
