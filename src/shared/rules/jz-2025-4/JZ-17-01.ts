import { addDays, formatLocal, startBound } from '../../bundle/time.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, LogRule, RuleContext } from '../../engine/types.js';
import { article } from './articles.js';

const HOUR_MS = 3_600_000;

/** A stretch between two events of one file longer than the limit; `line` is the event that ends it. */
interface Gap {
  from: number;
  to: number;
  line: number;
}

/**
 * What one file covers: its earliest and latest counted event and its gaps over the limit.
 * The file's covered set is [first, last] minus the gaps; the holes of the union of all
 * files' covered sets longer than the limit are exactly the gaps of the merged sequence.
 */
interface Coverage {
  file: string;
  first: number;
  firstLine: number;
  last: number;
  lastLine: number;
  gaps: Gap[];
}

interface State {
  files: Coverage[];
  counted: number;
  /** Earliest event with a time, any result, in or out of the period (retention). */
  earliest: { t: number; file: string; line: number } | null;
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function limitMs(ctx: RuleContext): number {
  return Number(ctx.params.max_log_gap_hours) * HOUR_MS;
}

/** Add one event time to a file's coverage, keeping its gap list exact even when the file is out of order. */
function addToCoverage(cov: Coverage, t: number, line: number, limit: number): void {
  if (t >= cov.last) {
    if (t - cov.last > limit) cov.gaps.push({ from: cov.last, to: t, line });
    if (t > cov.last) {
      cov.last = t;
      cov.lastLine = line;
    }
    return;
  }
  if (t < cov.first) {
    if (cov.first - t > limit) cov.gaps.unshift({ from: t, to: cov.first, line: cov.firstLine });
    cov.first = t;
    cov.firstLine = line;
    return;
  }
  // Inside [first, last): split the recorded gap that contains t, if any (gaps are sorted and disjoint).
  const gaps = cov.gaps;
  let lo = 0;
  let hi = gaps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const g = gaps[mid];
    if (t <= g.from) hi = mid - 1;
    else if (t >= g.to) lo = mid + 1;
    else {
      const pieces: Gap[] = [];
      if (t - g.from > limit) pieces.push({ from: g.from, to: t, line });
      if (g.to - t > limit) pieces.push({ from: t, to: g.to, line: g.line });
      gaps.splice(mid, 1, ...pieces);
      return;
    }
  }
}

const STRETCHES = { zh: '处', en: 'gaps' };

interface Segment {
  start: number;
  end: number;
  file: string;
  startLine: number;
  order: number;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-17-01',
    article: 17,
    severity: 'high',
    title: '运营日志覆盖评估期且留存不少于六个月',
    titleEn: 'Operation logs cover the review period and are kept for at least six months',
    ...article(17),
    evidence: ['logs/：时间、结果（所有日志文件按时间合并）'],
    params: {
      max_log_gap_hours: {
        type: 'number',
        default: 72,
        source: '锦政规〔2025〕4号第十七条（完整记录运营日志、覆盖评估期）；72 小时为规则目录 jz-2025-4 的默认值',
        description: '按时间合并全部日志后，相邻两条成功事件之间允许的最长间隔；恰好等于上限不算违规。',
        label: { zh: '日志最长间隔', en: 'Longest gap between log events' },
        unit: { zh: '小时', en: 'hours' },
      },
      min_retention_days: {
        type: 'integer',
        default: 180,
        source: '《中华人民共和国网络安全法》第二十一条（网络日志留存不少于六个月）',
        description: '日志至少应回溯到评估期末之前的天数。',
        label: { zh: '日志最短留存', en: 'Shortest log retention' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '覆盖与间隔只计评估期内结果为成功的事件；首个事件不晚于评估期开始 00:00 后 24 小时，最后事件不早于评估期末 24:00 前 24 小时。' +
      '间隔按所有文件合并后的时间顺序计算（文件可在时间上重叠，文件内乱序也能正确处理），每处间隔一条证据，指向结束该间隔的事件所在文件和行，不带事件编号；' +
      '评估期开头或末尾未覆盖的时段同样列为证据（末尾指向最后一个事件）。' +
      '留存部分看所有带时间的已解析事件（不论结果、不论是否在评估期内）：最早事件的本地日期不晚于评估期末减去“日志最短留存”天数即满足。' +
      '没有日志文件为证据不足；有日志但评估期内没有成功事件为不合格。',
    figures: {
      countedEvents: { kind: 'count', unit: UNITS.events, label: { zh: '评估期内成功事件', en: 'Successful events in the period' } },
      firstEvent: { kind: 'time', label: { zh: '首个事件', en: 'First event' } },
      lastEvent: { kind: 'time', label: { zh: '最后事件', en: 'Last event' } },
      startMarginHours: { kind: 'duration', unit: 'hours', label: { zh: '评估期开始到首个事件', en: 'From the period start to the first event' } },
      endMarginHours: { kind: 'duration', unit: 'hours', label: { zh: '最后事件到评估期末', en: 'From the last event to the period end' } },
      maxGapHours: { kind: 'duration', unit: 'hours', label: { zh: '允许的最长间隔', en: 'Longest gap allowed' } },
      gapCount: { kind: 'count', unit: STRETCHES, label: { zh: '超限间隔', en: 'Gaps over the limit' } },
      longestGapHours: { kind: 'duration', unit: 'hours', label: { zh: '最长间隔', en: 'Longest gap' } },
      gaps: {
        kind: 'table',
        label: { zh: '超限间隔明细', en: 'Gaps over the limit' },
        columns: {
          from: { kind: 'time', label: { zh: '起', en: 'From' } },
          to: { kind: 'time', label: { zh: '止', en: 'To' } },
          hours: { kind: 'duration', unit: 'hours', label: { zh: '间隔', en: 'Gap' } },
          file: { kind: 'text', label: { zh: '文件', en: 'File' } },
          line: { kind: 'text', label: { zh: '行', en: 'Line' } },
        },
      },
      minRetentionDays: { kind: 'duration', unit: 'days', label: { zh: '要求的最短留存', en: 'Retention required' } },
      retentionDate: { kind: 'date', label: { zh: '日志应回溯到', en: 'Logs must reach back to' } },
      earliestEvent: { kind: 'time', label: { zh: '最早日志事件', en: 'Earliest log event' } },
    },
  },
  init: () => ({ files: [], counted: 0, earliest: null }),
  onEvent(state, ev, inPeriod, ctx) {
    const t = ev.t;
    if (Number.isNaN(t)) return;
    if (!state.earliest || t < state.earliest.t) state.earliest = { t, file: ev.file, line: ev.line };
    if (!inPeriod || ev.result !== 'success') return;
    state.counted++;
    let cov = state.files[state.files.length - 1];
    if (!cov || cov.file !== ev.file) {
      cov = { file: ev.file, first: t, firstLine: ev.line, last: t, lastLine: ev.line, gaps: [] };
      state.files.push(cov);
      return;
    }
    addToCoverage(cov, t, ev.line, limitMs(ctx));
  },
  merge(into, later) {
    for (const f of later.files) into.files.push(f);
    into.counted += later.counted;
    if (later.earliest && (!into.earliest || later.earliest.t < into.earliest.t)) into.earliest = later.earliest;
  },
  finish(state, ctx) {
    const r = ctx.records;
    if (r.logFiles.length === 0) {
      return {
        status: 'insufficient_evidence',
        message: '证据包中没有运营日志（logs/），无法判断日志是否覆盖评估期。',
        messageEn: 'The bundle holds no operation logs (logs/); cannot tell whether the logs cover the review period.',
      };
    }
    const tz = r.timezone;
    const limit = limitMs(ctx);
    const maxGapHours = Number(ctx.params.max_log_gap_hours);
    const retentionDays = Number(ctx.params.min_retention_days);
    const local = (ms: number) => formatLocal(ms, tz);

    // Retention: the earliest event must fall on or before this local date.
    const retentionDate = addDays(r.period.end, -retentionDays);
    const retentionLimit = startBound(addDays(retentionDate, 1), tz);
    const earliest = state.earliest;
    const retentionOk = earliest !== null && earliest.t < retentionLimit;
    const retentionItem = (): EvidenceItem | null => {
      if (retentionOk) return null;
      if (!earliest) return fileEvidence('logs/', `没有任何带时间的日志事件，无法证明日志留存至 ${retentionDate}`);
      return fileEvidence(earliest.file, `最早的日志事件在 ${local(earliest.t)}，晚于 ${retentionDate}（评估期末前 ${retentionDays} 天），日志留存不足`, earliest.line);
    };

    const segments: Segment[] = [];
    state.files.forEach((cov, order) => {
      let start = cov.first;
      let startLine = cov.firstLine;
      for (const g of cov.gaps) {
        segments.push({ start, end: g.from, file: cov.file, startLine, order });
        start = g.to;
        startLine = g.line;
      }
      segments.push({ start, end: cov.last, file: cov.file, startLine, order });
    });

    const figures: Record<string, unknown> = {
      countedEvents: state.counted, maxGapHours, minRetentionDays: retentionDays, retentionDate,
      earliestEvent: earliest ? local(earliest.t) : null,
    };

    if (segments.length === 0) {
      const items = [fileEvidence('logs/', `评估期 ${r.period.start} 至 ${r.period.end} 内没有结果为成功的日志事件`)];
      const ret = retentionItem();
      if (ret) items.push(ret);
      return {
        status: 'fail',
        message: `评估期 ${r.period.start} 至 ${r.period.end} 内没有任何成功的日志事件，日志未覆盖评估期${retentionOk ? '' : `；日志也未回溯到 ${retentionDate}`}。`,
        messageEn: `No successful log event between ${r.period.start} and ${r.period.end}: the logs do not cover the review period${retentionOk ? '' : `; nor do they reach back to ${retentionDate}`}.`,
        evidence: evidenceOf(ctx.maxEvidence, items),
        figures: { ...figures, gapCount: 0, gaps: [], longestGapHours: null },
      };
    }

    segments.sort((a, b) => a.start - b.start || a.order - b.order || a.startLine - b.startLine);
    const gaps: { from: number; to: number; file: string; line: number }[] = [];
    let reach = segments[0].end;
    let lastSeg = segments[0];
    for (let i = 1; i < segments.length; i++) {
      const s = segments[i];
      if (s.start - reach > limit) gaps.push({ from: reach, to: s.start, file: s.file, line: s.startLine });
      if (s.end > reach) {
        reach = s.end;
        lastSeg = s;
      }
    }
    const first = segments[0];
    const lastFile = state.files[lastSeg.order];
    const firstT = first.start;
    const lastT = reach;

    const items: EvidenceItem[] = [];
    const problems: string[] = [];
    const problemsEn: string[] = [];
    const startLate = firstT > ctx.periodStartMs + 24 * HOUR_MS;
    const endEarly = lastT < ctx.periodEndMs - 24 * HOUR_MS;
    if (startLate) {
      const h = hours(firstT - ctx.periodStartMs);
      items.push(fileEvidence(first.file, `${local(ctx.periodStartMs)} 至 ${local(firstT)} 无日志（评估期开始后 ${h} 小时才有首个事件，允许 24 小时）`, first.startLine));
      problems.push(`首个事件在 ${local(firstT)}，晚于评估期开始 ${h} 小时`);
      problemsEn.push(`the first event is at ${local(firstT)}, ${plural(h, 'hour')} after the period starts`);
    }
    for (const g of gaps) {
      items.push(fileEvidence(g.file, `${local(g.from)} 至 ${local(g.to)} 无日志，间隔 ${hours(g.to - g.from)} 小时（上限 ${maxGapHours} 小时）`, g.line));
    }
    if (gaps.length) {
      const longest = gaps.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
      problems.push(`相邻事件间隔超过 ${maxGapHours} 小时的有 ${gaps.length} 处，最长 ${hours(longest.to - longest.from)} 小时（${local(longest.from)} 至 ${local(longest.to)}）`);
      problemsEn.push(`${plural(gaps.length, 'gap')} between events exceed${gaps.length === 1 ? 's' : ''} ${plural(maxGapHours, 'hour')}, the longest ${plural(hours(longest.to - longest.from), 'hour')} (${local(longest.from)} to ${local(longest.to)})`);
    }
    if (endEarly) {
      const h = hours(ctx.periodEndMs - lastT);
      items.push(fileEvidence(lastFile.file, `${local(lastT)} 至 ${local(ctx.periodEndMs)} 无日志（最后事件早于评估期末 ${h} 小时，允许 24 小时）`, lastFile.lastLine));
      problems.push(`最后事件在 ${local(lastT)}，早于评估期末 ${h} 小时`);
      problemsEn.push(`the last event is at ${local(lastT)}, ${plural(h, 'hour')} before the period ends`);
    }
    const ret = retentionItem();
    if (ret) {
      items.push(ret);
      problems.push(earliest ? `最早事件在 ${local(earliest.t)}，日志未回溯到 ${retentionDate}（评估期末前 ${retentionDays} 天）` : `日志未回溯到 ${retentionDate}`);
      problemsEn.push(earliest
        ? `the earliest event is at ${local(earliest.t)}: the logs do not reach back to ${retentionDate} (${plural(retentionDays, 'day')} before the period end)`
        : `the logs do not reach back to ${retentionDate}`);
    }

    const longestMs = gaps.reduce((m, g) => Math.max(m, g.to - g.from), 0);
    Object.assign(figures, {
      firstEvent: local(firstT),
      lastEvent: local(lastT),
      startMarginHours: hours(firstT - ctx.periodStartMs),
      endMarginHours: hours(ctx.periodEndMs - lastT),
      gapCount: gaps.length,
      gaps: gaps.slice(0, ctx.maxEvidence).map((g) => ({ from: local(g.from), to: local(g.to), hours: hours(g.to - g.from), file: g.file, line: g.line })),
      longestGapHours: gaps.length ? hours(longestMs) : null,
    });

    if (problems.length === 0) {
      return {
        status: 'pass',
        message: `评估期内 ${state.counted} 个成功事件从 ${local(firstT)} 到 ${local(lastT)} 连续覆盖，相邻间隔均不超过 ${maxGapHours} 小时；最早日志 ${local(earliest!.t)}，留存满足 ${retentionDays} 天。`,
        messageEn: `${plural(state.counted, 'successful event')} in the period cover ${local(firstT)} to ${local(lastT)} with no gap over ${plural(maxGapHours, 'hour')}; the earliest log event is at ${local(earliest!.t)}, meeting the ${retentionDays}-day retention.`,
        figures,
      };
    }
    return {
      status: 'fail',
      message: `日志未完整覆盖评估期或留存不足：${problems.join('；')}。`,
      messageEn: `The logs do not fully cover the review period or are not kept long enough: ${problemsEn.join('; ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, items),
      figures,
    };
  },
};
