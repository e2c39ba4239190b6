import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { runReviewDetailed } from '../../main/services/engine/run-review.js';
import { writeReport } from '../report-output.js';
import { writeFormats } from '../export-formats.js';
import { episodesOfFindings } from '../../shared/incidents/episodes.js';
import { incidentTimelines, timelineParamsFromFindings } from '../../shared/incidents/timeline.js';
import type { Findings } from '../../shared/engine/assess.js';
import type { BundleRecords } from '../../shared/bundle/types.js';
import type { IncidentsReportInput } from '../../shared/report/types.js';
import { toJunit } from '../../shared/export/junit.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { progressPrinter } from '../progress.js';
import type { CheckOptions, Tool } from '../program.js';
import { UsageError } from '../usage.js';
import { cliTrust } from '../trust.js';
import { parseJson } from '../../shared/bundle/json.js';
import { prepareOutDir, removeStale, writeOutput } from '../output-set.js';
import { terminalText } from '../terminal.js';

export async function runCheck(bundleArg: string, o: CheckOptions, tool: Tool): Promise<number> {
  const bundle = resolve(bundleArg);
  const formats = o.format;
  let profile: unknown;
  if (o.profile) {
    let text: string;
    try {
      text = readFileSync(o.profile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read profile ${o.profile}: ${(e as Error).message}`);
    }
    try {
      profile = parseJson(text);
    } catch (e) {
      throw new UsageError(`profile ${o.profile} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const out = resolve(o.out);
  // The output folder is checked before the review: a bad --out must not cost a whole review.
  prepareOutDir(out, bundle);
  const bar = o.quiet ? null : progressPrinter(process.stderr);
  if ((o.sign?.length || o.sm2Key) && !formats.includes('pdf')) throw new UsageError('--sign and --sm2-key sign the PDF report: add pdf to --format');
  // Operators' registered manifest keys, so JZ-17-03 can say whose key signed the bundle.
  const { operatorKeys } = await cliTrust({});
  const { findings, files, incidents, timezone } = await runReviewDetailed(bundle, {
    operatorKeys,
    pack: packById(DEFAULT_PACK_ID),
    profile,
    period: o.period,
    tool,
    workers: o.workers,
    workerHeapMb: o.workerHeap,
    onProgress: bar ? (p) => bar.update(p) : undefined,
  });
  bar?.end();
  const written: string[] = [];
  if (formats.includes('json')) written.push(writeOutput(join(out, 'findings.json'), JSON.stringify(findings, null, 2) + '\n'));
  if (formats.includes('pdf')) {
    written.push(...await writeReport(findings, out, {
      signP12Paths: o.sign, passEnvs: o.passEnv, roles: o.role, reviewer: o.reviewer, sm2KeyPath: o.sm2Key, files,
      incidents: incidentsSectionOf(findings, incidents, timezone),
    }));
  }
  if (formats.includes('junit')) written.push(writeOutput(join(out, 'findings.junit.xml'), toJunit(findings)));
  written.push(...await writeFormats(findings, out, formats, {
    reviewer: o.reviewer, fileHashes: Object.fromEntries(files.map((f) => [f.path, f.sha256])),
  }));
  const removed = removeStale(out, written);
  const s = findings.summary;
  if (!o.quiet && removed.length) process.stderr.write(terminalText([`removed from ${out} the outputs of an earlier run: ${removed.join(', ')}`]));
  if (!o.quiet) {
    process.stderr.write(terminalText([
      `${basename(bundle)}: ${s.conclusion} — pass ${s.pass}, fail ${s.fail}, needs_review ${s.needs_review}, `
      + `not_applicable ${s.not_applicable}, insufficient_evidence ${s.insufficient_evidence}; `
      + `${findings.stats.events} events, ${findings.stats.inputIssues} input issues, ${findings.stats.seconds} s`,
    ]));
  }
  process.stdout.write(written.join('\n') + '\n');
  return findings.results.some((r) => r.status === 'fail' && !r.waiver) ? 1 : 0;
}

/** The report's incident section: every incident's timeline and JZ-21-03's episodes. */
function incidentsSectionOf(findings: Findings, incidents: BundleRecords['incidents'], timezone: string): IncidentsReportInput | undefined {
  if (!incidents.present && !findings.results.some((r) => r.ruleId === 'JZ-21-03')) return undefined;
  const deadlines = timelineParamsFromFindings(findings);
  const ep = episodesOfFindings(findings);
  return {
    timelines: incidentTimelines({ incidents, timezone, period: findings.period }, deadlines),
    deadlines,
    episodes: ep.available ? ep.episodes : null,
    episodeTotal: ep.total,
    episodesNote: ep.note,
  };
}
