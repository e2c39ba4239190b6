import { addDays, formatLocal, isDateOnly, normaliseDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, Outcome, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
import { DAY_MS, requireTable, startOf } from './support.js';

const TO_PARTNER = new Set(['deliver', 'api_call']);

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
    articleText: articleText(22),
    evidence: ['partners.csv: id, violation_found_at, suspended_at', 'staff.csv: user_id, org', 'logs/: action, destination, actor, actor_org, result, ts'],
    params: {
      partner_suspend_max_days: {
        type: 'integer',
        default: 7,
        source: '锦政规〔2025〕4号第二十二条（发现应用单位违规应及时暂停）；规则目录 JZ-22-01',
        description: '发现违规（violation_found_at）到暂停（suspended_at）的最长天数；恰好等于不算超时。',
      },
    },
    notes:
      '时限和截止点按时刻计算：violation_found_at 只写日期时取当日 00:00，期限为其后第 N 天 00:00；suspended_at 只写日期时自当日 00:00 起生效。' +
      '截止点 = min(suspended_at, violation_found_at + 期限)；评估期内在截止点及之后成功的 deliver 或 api_call 均不合格。' +
      '“向该应用单位”指 destination 为其 id；destination 为空的 api_call 按调用者判断（actor_org 为其 id，或 staff.csv 中 actor 的 org 为其 id）。' +
      '未记录 suspended_at 时：期限在评估期末之前为不合格，期限在期末之后视为尚未到期。日期无法识别时若无其他不合格为证据不足。' +
      '缺少 partners.csv 或其违规、暂停字段为证据不足；没有违规的应用单位为 pass；有违规单位但没有日志时，暂停及时则为证据不足。',
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
    if (list.length === 0) return { status: 'pass', message: 'partners.csv 中没有发现违规的应用单位。', figures: { violatingPartners: 0 } };
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
      const what = breached.map((s) => {
        const f = partners[list.indexOf(s)];
        const parts: string[] = [];
        if (s.verdict === 'late') parts.push(f.suspendedAt ? `发现违规后 ${f.daysToSuspend} 天才暂停（超 ${f.daysLate} 天）` : '未记录暂停');
        if (f.eventsAfterCutoff) parts.push(`截止点（${f.cutoff}）后仍有 ${f.eventsAfterCutoff} 次交付或接口调用`);
        return `${s.row.id}：${parts.join('，')}`;
      });
      // The partners' rows first, then the events (capped as a whole).
      const evidence = newEvidence(ctx.maxEvidence);
      for (const s of breached) addEvidence(evidence, rowEvidence(s.row));
      mergeEvidence(evidence, state.evidence);
      return {
        status: 'fail',
        message: `${list.length} 家违规应用单位中 ${breached.length} 家未按期暂停或暂停后仍获提供：${what.join('；')}。`,
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
        message: `${unreadable.length} 家应用单位的违规发现时间或暂停时间无法识别（${unreadable.map((s) => s.row.id).join('、')}），无法判断。`,
        evidence,
        figures,
      };
    }
    if (!haveLogs) {
      return { status: 'insufficient_evidence', message: `${list.length} 家违规应用单位均按期暂停，但证据包中没有运营日志（logs/），无法判断暂停后是否仍有交付。`, figures };
    }
    const notDue = list.filter((s) => s.verdict === 'not_due').length;
    return {
      status: 'pass',
      message: `${list.length} 家违规应用单位均在 ${ctx.params.partner_suspend_max_days} 天内暂停${notDue ? `（其中 ${notDue} 家期限在评估期末之后，尚未到期）` : ''}，截止点后没有交付或接口调用。`,
      figures,
    };
  },
};
