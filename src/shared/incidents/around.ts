// What the logs around an incident look like once read (src/main/services/incidents/around.ts
// reads them): shared so the IPC contract and the UI can name them. Types only.

/**
 * dataset: the event's resource is one of the incident's datasets; product: a product made
 * from them; episode_actor: an actor of a JZ-21-03 episode in the window; dataset_actor:
 * any other event of an actor who touched the datasets in the window.
 */
export type AroundReason = 'dataset' | 'product' | 'episode_actor' | 'dataset_actor';

export const AROUND_REASONS: readonly AroundReason[] = ['dataset', 'product', 'episode_actor', 'dataset_actor'];

export interface AroundRow {
  file: string;
  line: number;
  eventId: string;
  /** As written. */
  ts: string;
  /** Local ISO time in the bundle's zone. */
  at: string;
  actor: string;
  action: string;
  resourceType: string;
  resource: string;
  result: string;
  excerpt: string;
  reasons: AroundReason[];
}

export interface IncidentLogs {
  incidentId: string;
  detectedAt: string;
  /** Local ISO bounds (inclusive), null when detected_at is unknown. */
  windowStart: string | null;
  windowEnd: string | null;
  datasets: string[];
  /** Products whose source_datasets include the datasets. */
  products: string[];
  actors: { fromEpisodes: string[]; fromDatasets: string[] };
  /** Every matching event in the window. */
  count: number;
  /** Time order; when more than maxRows match, the ones nearest detected_at. */
  rows: AroundRow[];
  truncated: boolean;
  /** Why nothing could be looked for, in Chinese. */
  note?: string;
}
