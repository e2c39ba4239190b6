// compliance-desk incidents <bundle> [--json] [--window -24h..+72h] [--profile FILE]: each
// incident's timeline against its grade's deadlines (JZ-21-02's parameters from the
// resolved profile), the logs around it, and the signs of unreported incidents (JZ-21-03's
// episodes) with the incident that covers them. Exit 0, 2 on unusable input.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSource } from '../../main/services/bundle/source.js';
import { readRecords } from '../../main/services/bundle/read-records.js';
import { runReviewDetailed } from '../../main/services/engine/run-review.js';
import { logsAroundIncidents, type AroundReason, type IncidentLogs } from '../../main/services/incidents/around.js';
import { localDate } from '../../shared/bundle/time.js';
import { resolveProfile } from '../../shared/engine/profile.js';
import { episodesOfFindings, type EpisodeView } from '../../shared/incidents/episodes.js';
import {
  TIMELINE_RULE_ID, incidentTimelines, timelineParams,
  type IncidentTimeline, type TimelineParams, type TimelineStep,
} from '../../shared/incidents/timeline.js';
import { DEFAULT_WINDOW, describeWindow, formatWindow, type AroundWindow } from '../../shared/incidents/window.js';
import { nameOf } from '../../shared/names.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import type { IncidentsOptions, Tool } from '../program.js';
import { UsageError } from '../usage.js';
import { parseJson } from '../../shared/bundle/json.js';
import { terminalText } from '../terminal.js';

/** Log rows printed per incident in text mode; --json carries them all (up to the cap). */
const TEXT_ROWS = 20;

export interface IncidentsOutput {
  format: 'compliance-desk/incidents/1';
  bundle: { source: string; operatorId: string | null; operatorName: string | null };
  period: { start: string; end: string };
  timezone: string;
  window: AroundWindow & { text: string };
  deadlines: TimelineParams;
  incidents: (IncidentTimeline & { logs: IncidentLogs | null })[];
  episodes: { available: boolean; status: string | null; total: number; uncovered: number; note?: string; items: EpisodeView[] };
}

function readProfile(path: string | undefined): unknown {
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read profile ${path}: ${(e as Error).message}`);
  }
  try {
    return parseJson(text);
  } catch (e) {
    throw new UsageError(`profile ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** `incidents <bundle>`: exit 0; unusable input throws (exit 2). */
export async function runIncidents(bundleArg: string, values: IncidentsOptions, tool: Tool): Promise<number> {
  const bundle = resolve(bundleArg);
  const window = values.window ?? DEFAULT_WINDOW;
  const workers = values.workers;
  const profileRaw = readProfile(values.profile);
  const pack = packById(DEFAULT_PACK_ID);

  // The review gives JZ-21-03's episodes (its figures) and validates the profile.
  const { findings } = await runReviewDetailed(bundle, { pack, profile: profileRaw, tool, workers });
  const episodes = episodesOfFindings(findings);

  const source = await openSource(bundle);
  let out: IncidentsOutput;
  try {
    const records = await readRecords(source, []);
    const today = localDate(Date.now(), records.timezone);
    const params = timelineParams(resolveProfile(profileRaw, pack.rules, today).profile.params[TIMELINE_RULE_ID]);
    const timelines = incidentTimelines(records, params);
    const logs = await logsAroundIncidents(source, records, { window, episodes: episodes.episodes });
    out = {
      format: 'compliance-desk/incidents/1',
      bundle: { source: findings.bundle.source, operatorId: findings.bundle.operatorId, operatorName: findings.bundle.operatorName },
      period: findings.period,
      timezone: records.timezone,
      window: { ...window, text: formatWindow(window) },
      deadlines: params,
      // logsAroundIncidents keeps incidents.json order, as incidentTimelines does.
      incidents: timelines.map((t, i) => ({ ...t, logs: logs[i] ?? null })),
      episodes: {
        available: episodes.available, status: episodes.status, total: episodes.total,
        uncovered: episodes.episodes.filter((e) => !e.covered).length,
        ...(episodes.note ? { note: episodes.note } : {}), items: episodes.episodes,
      },
    };
  } finally {
    await source.close();
  }

  if (values.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    process.stdout.write(terminalText(formatText(out, bundleArg).split('\n')));
  }
  return 0;
}

// ---------------------------------------------------------------- text

const STEP_LABEL_WIDTH = 4;

/** Minutes, with hours or days beside long spans. */
function span(min: number): string {
  if (Math.abs(min) >= 2880) return `${min} 分钟（${Math.round((min / 1440) * 10) / 10} 天）`;
  if (Math.abs(min) >= 120) return `${min} 分钟（${Math.round((min / 60) * 10) / 10} 小时）`;
  return `${min} 分钟`;
}

function pad(label: string): string {
  return label + '　'.repeat(Math.max(0, STEP_LABEL_WIDTH - label.length));
}

function stepLine(s: TimelineStep): string {
  const parts = [pad(nameOf('incidentStep', s.step))];
  parts.push(s.at ?? (s.state === 'missing' ? '（未记录）' : `（无法识别：${s.text}）`));
  if (s.step !== 'detected' && s.minutes !== null) parts.push(`发现后 ${s.step === 'closed' ? span(s.minutes) : `${s.minutes} 分钟`}`);
  if (s.limitMinutes !== null) parts.push(`限 ${s.limitMinutes} 分钟${s.limitIsFallback ? '（等级未知，取最长时限）' : ''}`);
  if (s.state === 'late') parts.push(`超时 ${s.lateMinutes} 分钟`);
  else if (s.step !== 'detected' && s.step !== 'closed' && s.state === 'ok') parts.push('按时');
  else if (s.state === 'missing' && (s.step === 'plan_activated' || s.step === 'reported')) parts.push('未记录，视为超时');
  else if (s.state === 'unmeasured' && s.step !== 'closed') parts.push('无法判断时限');
  return '  ' + parts.join('  ');
}

const VERDICT_ZH: Record<IncidentTimeline['verdict'], string> = { on_time: '按时', late: '超时', review: '需人工复核' };

function deadlinesLine(p: TimelineParams): string {
  const grades = Object.entries(p.reportDeadlineMinutes).map(([g, m]) => `${nameOf('incidentGrade', g)} ${m}`).join('、');
  return `时限（${TIMELINE_RULE_ID}）：发现后 ${p.planActivationMaxMinutes} 分钟内启动预案；报告时限（分钟）${grades}`;
}

const REASON_ZH: Record<AroundReason, string> = {
  dataset: '涉事数据集', product: '涉事数据集的产品', episode_actor: '迹象账号', dataset_actor: '接触涉事数据集的账号',
};

function logsLines(l: IncidentLogs | null, window: AroundWindow): string[] {
  if (!l) return [];
  if (l.note) return [`  前后日志：${l.note}`];
  const who = [...new Set([...l.actors.fromEpisodes, ...l.actors.fromDatasets])];
  const lines = [
    `  前后日志（${describeWindow(window)}，${l.windowStart} 至 ${l.windowEnd}）：${l.count} 条`
      + `${l.products.length ? `；相关产品 ${l.products.join('、')}` : ''}${who.length ? `；相关账号 ${who.join('、')}` : ''}`,
  ];
  for (const r of l.rows.slice(0, TEXT_ROWS)) {
    lines.push(`    ${r.at}  ${r.actor || '（空）'}  ${r.action}  ${r.resourceType}:${r.resource}  ${r.result}  ${r.file}:${r.line}${r.eventId ? `  ${r.eventId}` : ''}  [${r.reasons.map((x) => REASON_ZH[x]).join('、')}]`);
  }
  if (l.count > Math.min(l.rows.length, TEXT_ROWS)) lines.push(`    …… 共 ${l.count} 条，此处列出 ${Math.min(l.rows.length, TEXT_ROWS)} 条（--json 输出${l.truncated ? `离发现时间最近的 ${l.rows.length} 条` : '全部'}）`);
  return lines;
}

function episodeLine(e: EpisodeView, i: number): string {
  const when = e.first === e.last ? e.first : `${e.first} 至 ${e.last}`;
  const near = e.nearestIncident
    ? `${e.covered ? '已由' : '最近的事件'} ${e.nearestIncident.id}${e.covered ? ' 覆盖' : ''}（与其发现时间相隔 ${span(e.nearestIncident.minutesApart)}）`
    : '没有可比对的事件';
  const first = e.events[0];
  const where = first ? `  ${first.eventId || '—'} ${first.file}:${first.line}${e.eventCount > 1 ? ` 等` : ''}` : '';
  return `  ${i + 1}. ${e.covered ? '已覆盖' : '未覆盖'}  ${nameOf('episodeKind', e.kind)}  账号 ${e.actor || '（空）'}  ${when}  ${e.eventCount} 个事件  ${near}${where}`;
}

export function formatText(o: IncidentsOutput, name: string): string {
  const lines: string[] = [];
  lines.push(`${name}：${o.bundle.operatorName ?? o.bundle.operatorId ?? '（运营机构未载明）'}，评估期 ${o.period.start} 至 ${o.period.end}`);
  lines.push(deadlinesLine(o.deadlines));
  lines.push('');
  if (!o.incidents.length) lines.push('incidents.json 中没有数据安全事件。', '');
  for (const t of o.incidents) {
    const head = [`事件 ${t.id || '（无编号）'}`, t.gradeZh || '（等级未填）', nameOf('incidentType', t.type), VERDICT_ZH[t.verdict]];
    if (t.inPeriod === false) head.push('（不在评估期内）');
    lines.push(head.filter(Boolean).join('  '));
    if (t.summary) lines.push(`  摘要：${t.summary}`);
    lines.push(`  数据集：${t.datasets.length ? t.datasets.join('、') : '（未列出）'}`);
    for (const s of t.steps) lines.push(stepLine(s));
    if (t.problems.length) lines.push(`  问题：${t.problems.join('；')}`);
    if (t.notes.length) lines.push(`  备注：${t.notes.join('；')}`);
    lines.push(...logsLines(t.logs, o.window));
    lines.push('');
  }
  const ep = o.episodes;
  if (!ep.available) {
    lines.push(`未报告事件迹象：${ep.note ?? '无法分析。'}`);
  } else {
    lines.push(`未报告事件迹象（JZ-21-03）：共 ${ep.total} 段，未覆盖 ${ep.uncovered} 段${ep.total > ep.items.length ? `（受证据条数上限限制，列出 ${ep.items.length} 段）` : ''}`);
    ep.items.forEach((e, i) => lines.push(episodeLine(e, i)));
  }
  return lines.join('\n');
}
