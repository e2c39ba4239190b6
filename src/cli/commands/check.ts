import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { parse, parsePeriod, UsageError } from '../usage.js';

const FORMATS = ['json', 'junit', 'pdf', 'oscal', 'xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(args: string[], tool: { name: string; version: string }): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    profile: { type: 'string' },
    period: { type: 'string' },
    format: { type: 'string' },
    sign: { type: 'string' },
    'pass-env': { type: 'string' },
    'sm2-key': { type: 'string' },
    reviewer: { type: 'string' },
    quiet: { type: 'boolean' },
    workers: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('check needs exactly one bundle (a folder or a .zip)');
  const bundle = resolve(positionals[0]);
  const formats = parseFormats(values.format);
  const period = values.period ? parsePeriod(values.period) : undefined;
  let profile: unknown;
  if (values.profile) {
    let text: string;
    try {
      text = readFileSync(values.profile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read profile ${values.profile}: ${(e as Error).message}`);
    }
    try {
      profile = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`profile ${values.profile} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new UsageError('--workers takes a whole number from 0 to 64');
  const out = resolve(values.out ?? 'review-out');
  const bar = values.quiet ? null : progressPrinter(process.stderr);
  if ((values.sign || values['sm2-key']) && !formats.includes('pdf')) throw new UsageError('--sign and --sm2-key sign the PDF report: add pdf to --format');
  const { findings, files, incidents, timezone } = await runReviewDetailed(bundle, {
    pack: packById(DEFAULT_PACK_ID),
    profile,
    period,
    tool,
    workers,
    onProgress: bar ? (p) => bar.update(p) : undefined,
  });
  bar?.end();
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  if (formats.includes('json')) {
    writeFileSync(join(out, 'findings.json'), JSON.stringify(findings, null, 2) + '\n');
    written.push(join(out, 'findings.json'));
  }
  if (formats.includes('pdf')) {
    written.push(...await writeReport(findings, out, {
      signP12Path: values.sign, passEnv: values['pass-env'], reviewer: values.reviewer, sm2KeyPath: values['sm2-key'], files,
      incidents: incidentsSectionOf(findings, incidents, timezone),
    }));
  }
  if (formats.includes('junit')) {
    writeFileSync(join(out, 'findings.junit.xml'), toJunit(findings));
    written.push(join(out, 'findings.junit.xml'));
  }
  written.push(...await writeFormats(findings, out, formats, {
    reviewer: values.reviewer, fileHashes: Object.fromEntries(files.map((f) => [f.path, f.sha256])),
  }));
  const s = findings.summary;
  if (!values.quiet) {
    process.stderr.write(
      `${basename(bundle)}: ${s.conclusion} — pass ${s.pass}, fail ${s.fail}, needs_review ${s.needs_review}, `
      + `not_applicable ${s.not_applicable}, insufficient_evidence ${s.insufficient_evidence}; `
      + `${findings.stats.events} events, ${findings.stats.inputIssues} input issues, ${findings.stats.seconds} s\n`,
    );
  }
  process.stdout.write(written.join('\n') + '\n');
  return findings.results.some((r) => r.status === 'fail' && !r.waiver) ? 1 : 0;
}

function parseFormats(list: string | undefined): Format[] {
  if (list === undefined) return ['json', 'pdf'];
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError('--format needs at least one of: ' + FORMATS.join(','));
  for (const f of items) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`--format ${f} is not available in this version (available: ${FORMATS.join(', ')})`);
    }
  }
  return items as Format[];
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
