import { addDays, formatLocal, isDateOnly, normaliseDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceList, LogRule, Outcome, RuleContext } from '../../engine/types.js';
import { article } from './articles.js';
import { DAY_MS, requireTable, startOf } from './support.js';

const TO_PARTNER = new Set(['deliver', 'api_call']);
const PARTNERS = { zh: '家', en: 'partners' };
const partnerCount = (n: number) => `${n} partner${n === 1 ? '' : 's'}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Watch {
  /** Deliveries and api calls at or after this instant breach the rule. */
  cutoff: number;
}

interface State {
  /** Partners with a readable violation_found_at → their cut-off (copied from the records, not merged). */
  watch: Record<string, Watch>;
  /** Staff user id → violating partner it belongs to, for api calls that name no destination. */
  userPartner: Record<string, string>;
  /** Events after the cut-off, per partner id. */
  late: Record<string, number>;
  evidence: EvidenceList;
}

/** One violating partner's suspension, judged from partners.csv alone. */
interface Suspension {
  row: Row;
  violation: number;
  deadline: number;
  suspended: number;
  /** 'late' also covers a suspension never recorded once its deadline lies inside the period. */
  verdict: 'on_time' | 'late' | 'not_due' | 'unreadable';
}

function suspensions(ctx: RuleContext): Suspension[] {
  const limit = ctx.params.partner_suspend_max_days as number;
  const out: Suspension[] = [];
  for (const row of ctx.records.partners.rows) {
    const found = (row.cells.violation_found_at ?? '').trim();
    if (!found) continue;
    const violation = startOf(ctx, found);
    const suspendedText = (row.cells.suspended_at ?? '').trim();
    const suspended = suspendedText ? startOf(ctx, suspendedText) : Infinity;
    if (Number.isNaN(violation) || Number.isNaN(suspended)) {
      out.push({ row, violation, deadline: NaN, suspended, verdict: 'unreadable' });
      continue;
    }
    // A date found D gives D+N 00:00 by the calendar (exact across DST); a timestamp adds N × 24 h.
    const date = isDateOnly(found) ? normaliseDate(found) : null;
    const deadline = date ? startOf(ctx, addDays(date, limit)) : violation + limit * DAY_MS;
    let verdict: Suspension['verdict'];
    if (suspended <= deadline) verdict = 'on_time';
    else if (suspended === Infinity && deadline >= ctx.periodEndMs) verdict = 'not_due';
    else verdict = 'late';
    out.push({ row, violation, deadline, suspended, verdict });
  }
  return out;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-22-01',
    article: 22,
    severity: 'high',
    title: '应用单位违规后及时暂停并停止提供数据产品和服务',
    titleEn: 'A partner found in breach is suspended in time and served no more',
    ...article(22),
    evidence: ['partners.csv：编号、发现违规时间、暂停时间', 'staff.csv：账号、所属单位', 'logs/：操作、接收方、操作人、单位、结果、时间'],
    params: {
      partner_suspend_max_days: {
        type: 'integer',
        default: 7,
        source: '锦政规〔2025〕4号第二十二条（发现应用单位违规应及时暂停）；规则目录 JZ-22-01',
        description: '从发现应用单位违规到暂停的最长时间；恰好等于不算超时。',
        label: { zh: '暂停最长期限', en: 'Longest time to suspend' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '时限和截止点按时刻计算：发现违规时间只写日期时取当日 00:00，期限为其后第 N 天 00:00；暂停时间只写日期时自当日 00:00 起生效。' +
      '截止点取暂停时间与“发现违规时间加期限”中较早者；评估期内在截止点及之后成功的交付或接口调用均不合格。' +
      '“向该应用单位”指接收方为其编号；接收方为空的接口调用按调用者判断（单位为其编号，或 staff.csv 中该操作人的所属单位为其编号）。' +
      '未记录暂停时间时：期限在评估期末之前为不合格，期限在期末之后视为尚未到期。日期无法识别时若无其他不合格为证据不足。' +
      '缺少 partners.csv 或其违规、暂停列为证据不足；没有违规的应用单位为符合；有违规单位但没有日志时，暂停及时则为证据不足。',
    figures: {
      violatingPartners: { kind: 'count', unit: PARTNERS, label: { zh: '发现违规的应用单位', en: 'Partners found in breach' } },
      eventsAfterCutoff: { kind: 'count', unit: UNITS.events, label: { zh: '截止点后的交付或接口调用', en: 'Deliveries or API calls after the cut-off' } },
      partners: {
        kind: 'table',
        label: { zh: '各违规应用单位', en: 'Each partner in breach' },
        columns: {
          id: { kind: 'text', label: { zh: '应用单位', en: 'Partner' } },
          violationFoundAt: { kind: 'time', label: { zh: '发现违规时间', en: 'Breach found' } },
          suspendedAt: { kind: 'time', label: { zh: '暂停时间', en: 'Suspended' } },
          deadline: { kind: 'time', label: { zh: '暂停期限', en: 'Suspension due' } },
          cutoff: { kind: 'time', label: { zh: '截止点', en: 'Cut-off' } },
          daysToSuspend: { kind: 'duration', unit: 'days', label: { zh: '发现到暂停', en: 'Breach to suspension' } },
          daysLate: { kind: 'duration', unit: 'days', label: { zh: '超期', en: 'Late by' } },
          verdict: { kind: 'enum', names: 'suspensionVerdict', label: { zh: '判断', en: 'Verdict' } },
          eventsAfterCutoff: { kind: 'count', unit: UNITS.events, label: { zh: '截止点后的提供', en: 'Served after the cut-off' } },
        },
      },
    },
  },
  init(ctx) {
    const watch: Record<string, Watch> = {};
    const userPartner: Record<string, string> = {};
    if (ctx.records.partners.columns.includes('violation_found_at')) {
      for (const s of suspensions(ctx)) {
        if (s.verdict === 'unreadable' || !s.row.id) continue;
        watch[s.row.id] = { cutoff: Math.min(s.suspended, s.deadline) };
      }
      for (const u of ctx.records.staff.rows) {
        const org = (u.cells.org ?? '').trim();
        if (u.id && Object.prototype.hasOwnProperty.call(watch, org)) userPartner[u.id] = org;
      }
    }
    return { watch, userPartner, late: {}, evidence: newEvidence(ctx.maxEvidence) };
  },
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success' || !TO_PARTNER.has(ev.action)) return;
    let partner = ev.destination;
    if (!partner && ev.action === 'api_call') {
      partner = Object.prototype.hasOwnProperty.call(state.watch, ev.actorOrg) ? ev.actorOrg : state.userPartner[ev.actor] ?? '';
    }
    if (!partner || !Object.prototype.hasOwnProperty.call(state.watch, partner)) return;
    if (ev.t < state.watch[partner].cutoff) return;
    state.late[partner] = (state.late[partner] ?? 0) + 1;
    addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    for (const [p, n] of Object.entries(later.late)) into.late[p] = (into.late[p] ?? 0) + n;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx): Outcome {
    const missing = requireTable(ctx.records.partners, ['id', 'violation_found_at', 'suspended_at']);
    if (missing) return missing;
    const tz = ctx.records.timezone;
    const list = suspensions(ctx);
    if (list.length === 0) {
      return {
        status: 'pass',
        message: 'partners.csv 中没有发现违规的应用单位。',
        messageEn: 'partners.csv lists no partner found in breach.',
        figures: { violatingPartners: 0 },
      };
    }
    const haveLogs = ctx.records.logFiles.length > 0;
    const lateEvents = (s: Suspension) => state.late[s.row.id] ?? 0;
    const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;
    const partners = list.map((s) => ({
      id: s.row.id,
      violationFoundAt: s.row.cells.violation_found_at,
      suspendedAt: s.row.cells.suspended_at || null,
      deadline: Number.isFinite(s.deadline) ? formatLocal(s.deadline, tz) : null,
      cutoff: s.verdict === 'unreadable' ? null : formatLocal(Math.min(s.suspended, s.deadline), tz),
      daysToSuspend: Number.isFinite(s.suspended) && Number.isFinite(s.violation) ? days(s.suspended - s.violation) : null,
      daysLate: s.verdict === 'late' && Number.isFinite(s.suspended) ? days(s.suspended - s.deadline) : null,
      verdict: s.verdict,
      eventsAfterCutoff: lateEvents(s),
    }));
    const figures = { violatingPartners: list.length, eventsAfterCutoff: state.evidence.count, partners };
    const breached = list.filter((s) => s.verdict === 'late' || lateEvents(s) > 0);
    if (breached.length) {
      const what: string[] = [];
      const whatEn: string[] = [];
      for (const s of breached) {
        const f = partners[list.indexOf(s)];
        const parts: string[] = [];
        const partsEn: string[] = [];
        if (s.verdict === 'late') {
          parts.push(f.suspendedAt ? `发现违规后 ${f.daysToSuspend} 天才暂停（超 ${f.daysLate} 天）` : '未记录暂停');
          partsEn.push(f.suspendedAt ? `suspended ${plural(f.daysToSuspend ?? 0, 'day')} after the breach was found (${plural(f.daysLate ?? 0, 'day')} late)` : 'no suspension recorded');
        }
        if (f.eventsAfterCutoff) {
          parts.push(`截止点（${f.cutoff}）后仍有 ${f.eventsAfterCutoff} 次交付或接口调用`);
          const n = f.eventsAfterCutoff;
          partsEn.push(`still ${n} ${n === 1 ? 'delivery or API call' : 'deliveries or API calls'} after the cut-off (${f.cutoff})`);
        }
        what.push(`${s.row.id}：${parts.join('，')}`);
        whatEn.push(`${s.row.id}: ${partsEn.join(', ')}`);
      }
      // The partners' rows first, then the events (capped as a whole).
      const evidence = newEvidence(ctx.maxEvidence);
      for (const s of breached) addEvidence(evidence, rowEvidence(s.row));
      mergeEvidence(evidence, state.evidence);
      return {
        status: 'fail',
        message: `${list.length} 家违规应用单位中 ${breached.length} 家未按期暂停或暂停后仍获提供：${what.join('；')}。`,
        messageEn: `Of ${partnerCount(list.length)} in breach, ${breached.length} ${breached.length === 1 ? 'was' : 'were'} not suspended in time or still served afterwards: ${whatEn.join('; ')}.`,
        evidence,
        figures,
      };
    }
    const unreadable = list.filter((s) => s.verdict === 'unreadable');
    if (unreadable.length) {
      const evidence = newEvidence(ctx.maxEvidence);
      for (const s of unreadable) addEvidence(evidence, rowEvidence(s.row));
      return {
        status: 'insufficient_evidence',
        message: `${unreadable.length} 家应用单位的发现违规时间或暂停时间无法识别（${unreadable.map((s) => s.row.id).join('、')}），无法判断。`,
        messageEn: `The breach or suspension time of ${partnerCount(unreadable.length)} cannot be read (${unreadable.map((s) => s.row.id).join(', ')}); cannot decide.`,
        evidence,
        figures,
      };
    }
    if (!haveLogs) {
      return {
        status: 'insufficient_evidence',
        message: `${list.length} 家违规应用单位均按期暂停，但证据包中没有运营日志（logs/），无法判断暂停后是否仍有交付。`,
        messageEn: `${list.length === 1 ? 'The partner' : `All ${partnerCount(list.length)}`} in breach ${list.length === 1 ? 'was' : 'were'} suspended in time, but the bundle holds no operation logs (logs/), so it is unknown whether anything was delivered afterwards.`,
        figures,
      };
    }
    const notDue = list.filter((s) => s.verdict === 'not_due').length;
    const limit = Number(ctx.params.partner_suspend_max_days);
    return {
      status: 'pass',
      message: `${list.length} 家违规应用单位均在 ${limit} 天内暂停${notDue ? `（其中 ${notDue} 家期限在评估期末之后，尚未到期）` : ''}，截止点后没有交付或接口调用。`,
      messageEn: `${list.length === 1 ? 'The partner' : `All ${partnerCount(list.length)}`} in breach ${list.length === 1 ? 'was' : 'were'} suspended within ${plural(limit, 'day')}${notDue ? ` (for ${notDue} the limit falls after the period end and is not yet due)` : ''}, with no delivery or API call after the cut-off.`,
      figures,
    };
  },
};
