// The incidents of a review main holds, for the workbench: the timelines against the
// deadlines of the review's profile, JZ-21-03's episodes from its findings, and the logs
// around one incident. The bundle is read again from where the review read it, and must
// still be the bundle reviewed (same manifest): what the page shows and the report prints
// belongs to the findings it sits beside.

import type { Findings } from '../../../shared/engine/assess.js';
import type { IncidentLogs } from '../../../shared/incidents/around.js';
import { episodesOfFindings, EPISODES_RULE_ID } from '../../../shared/incidents/episodes.js';
import type { EpisodeJudgment } from '../../../shared/incidents/judgments.js';
import { incidentTimelines, timelineParamsFromFindings } from '../../../shared/incidents/timeline.js';
import type { AroundWindow } from '../../../shared/incidents/window.js';
import type { BundleRecords } from '../../../shared/bundle/types.js';
import type { IncidentsReportInput } from '../../../shared/report/types.js';
import { openSource, type BundleSource } from '../bundle/source.js';
import { readRecords } from '../bundle/read-records.js';
import { logsAroundIncidents } from './around.js';
import type { IncidentsTimelinesResponse } from '../../../shared/ipc/contract.js';

/** What incidents:timelines answers, but the window the page starts with. */
export type ReviewIncidents = Omit<IncidentsTimelinesResponse, 'defaultWindow'>;

/** The bundle changed on disk since it was reviewed. */
export class BundleChanged extends Error {
  constructor(path: string) {
    super(`证据包 ${path} 在评估之后已被改动（manifest.json 的哈希与评估时不同）。请重新评估该证据包。`);
    this.name = 'BundleChanged';
  }
}

async function withRecords<T>(bundlePath: string, findings: Findings, f: (source: BundleSource, records: BundleRecords) => Promise<T>): Promise<T> {
  const source = await openSource(bundlePath);
  try {
    const records = await readRecords(source, [], { period: findings.period });
    if (findings.bundle.manifestSha256 && records.manifestSha256 !== findings.bundle.manifestSha256) throw new BundleChanged(bundlePath);
    return await f(source, records);
  } finally {
    await source.close();
  }
}

/** Every incident's timeline and the review's episodes. */
export async function incidentsOfReview(bundlePath: string, findings: Findings): Promise<ReviewIncidents> {
  return withRecords(bundlePath, findings, async (_source, records) => {
    const deadlines = timelineParamsFromFindings(findings);
    return {
      timezone: records.timezone,
      period: findings.period,
      incidentsPresent: records.incidents.present,
      deadlines,
      timelines: incidentTimelines({ incidents: records.incidents, timezone: records.timezone, period: findings.period }, deadlines),
      episodes: episodesOfFindings(findings),
    };
  });
}

/** The logs around one incident (the first with that id); null when incidents.json has no such id. */
export async function logsAroundOfReview(
  bundlePath: string, findings: Findings, o: { incidentId: string; window: AroundWindow; maxRows: number; signal?: AbortSignal },
): Promise<IncidentLogs | null> {
  return withRecords(bundlePath, findings, async (source, records) => {
    if (!records.incidents.items.some((i) => i.id === o.incidentId)) return null;
    const [logs] = await logsAroundIncidents(source, records, {
      window: o.window, maxRows: o.maxRows, episodes: episodesOfFindings(findings).episodes, incidentIds: [o.incidentId], signal: o.signal,
    });
    return logs ?? null;
  });
}

/**
 * The report's incident section with the reviewer's judgments, as `check --format pdf`
 * makes it; undefined when the bundle has no incidents.json and JZ-21-03 did not run.
 */
export function incidentsSection(inc: ReviewIncidents, findings: Findings, judgments: EpisodeJudgment[]): IncidentsReportInput | undefined {
  if (!inc.incidentsPresent && !findings.results.some((r) => r.ruleId === EPISODES_RULE_ID)) return undefined;
  const ep = inc.episodes;
  return {
    timelines: inc.timelines,
    deadlines: inc.deadlines,
    episodes: ep.available ? ep.episodes : null,
    episodeTotal: ep.total,
    ...(ep.note ? { episodesNote: ep.note } : {}),
    judgments,
  };
}
