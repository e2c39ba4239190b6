import type { JsonItem } from '../../bundle/types.js';
import { evidenceOf, itemEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { endOf, startOf } from './support.js';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** True when agreement.start falls in the period: a first-year operator has no earlier evaluation. */
function agreementStartedInPeriod(ctx: RuleContext): boolean {
  const start = startOf(ctx, text((ctx.records.agreement.value as { start?: unknown } | undefined)?.start));
  return start >= ctx.periodStartMs && start < ctx.periodEndMs;
}

const FINDINGS: Words = { zh: '项', en: 'findings' };

type Verdict = { kind: 'ok' } | { kind: 'not_due' } | { kind: 'fail'; why: Words } | { kind: 'review'; why: Words };

function judge(ctx: RuleContext, item: JsonItem): Verdict {
  const v = item.value as Record<string, unknown>;
  const deadline = text(v.deadline);
  const rectified = text(v.rectified_at);
  const reEvaluated = text(v.re_evaluated_at);
  const deadlineStart = startOf(ctx, deadline);
  const rectifiedMs = startOf(ctx, rectified);
  const closed = !Number.isNaN(rectifiedMs) && !Number.isNaN(startOf(ctx, reEvaluated));
  if (Number.isNaN(deadlineStart)) {
    const why = deadline ? { zh: `整改期限“${deadline}”无法识别`, en: `deadline “${deadline}” cannot be read` } : { zh: '未给出整改期限', en: 'no deadline given' };
    return { kind: 'review', why };
  }
  // An item still open whose deadline lies after the period is not yet due.
  if (!closed && deadlineStart >= ctx.periodEndMs) return { kind: 'not_due' };
  if (Number.isNaN(rectifiedMs)) {
    const why = rectified
      ? { zh: `整改完成时间“${rectified}”无法识别`, en: `rectification time “${rectified}” cannot be read` }
      : { zh: `期限 ${deadline} 已过仍未整改`, en: `not rectified although the deadline ${deadline} has passed` };
    return { kind: 'fail', why };
  }
  if (rectifiedMs >= endOf(ctx, deadline)) {
    return { kind: 'fail', why: { zh: `${rectified} 完成整改，晚于期限 ${deadline}`, en: `rectified ${rectified}, after the deadline ${deadline}` } };
  }
  if (!closed) {
    const why = reEvaluated
      ? { zh: `再次评估时间“${reEvaluated}”无法识别`, en: `re-evaluation time “${reEvaluated}” cannot be read` }
      : { zh: '整改后未再次评估', en: 'not re-evaluated after rectification' };
    return { kind: 'fail', why };
  }
  return { kind: 'ok' };
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-13-01',
    article: 13,
    severity: 'medium',
    title: '年度评估发现的问题按期整改并复评',
    titleEn: 'Findings of the annual evaluation are rectified on time and re-evaluated',
    ...article(13),
    evidence: ['evaluations.json：各问题的整改期限、整改完成时间、再次评估时间', 'agreement.json：起始日'],
    params: {},
    notes:
      '整改期限按当日 24:00 截止。既已整改又已再次评估的问题为已关闭；未关闭且期限在评估期结束之后的问题尚未到期，不作检查。'
      + '时间无法识别视同缺失；缺少或无法识别整改期限的问题转人工复核。本条不检查再次评估与整改的先后。'
      + 'evaluations.json 缺失或没有任何年度记录时：授权协议始于评估期内为不适用，否则为证据不足。',
    figures: {
      items: { kind: 'count', unit: FINDINGS, label: { zh: '以往评估发现的问题', en: 'Findings of earlier evaluations' } },
      lateOrOpen: { kind: 'list', of: { kind: 'text' }, label: { zh: '未按期整改或未再次评估的问题', en: 'Findings late, open or not re-evaluated' } },
      undecided: { kind: 'list', of: { kind: 'text' }, label: { zh: '无法判断的问题', en: 'Findings that cannot be decided' } },
      notYetDue: { kind: 'count', unit: FINDINGS, label: { zh: '尚未到期的问题', en: 'Findings not yet due' } },
    },
  },
  evaluate(ctx) {
    const ev = ctx.records.evaluations;
    if (!ev.present || ev.years.length === 0) {
      if (agreementStartedInPeriod(ctx)) {
        return {
          status: 'not_applicable',
          message: '授权协议于评估期内开始，尚无以往年度评估，不涉及整改。',
          messageEn: 'The agreement started within the period: there is no earlier annual evaluation to rectify.',
        };
      }
      return ev.present
        ? {
          status: 'insufficient_evidence',
          message: 'evaluations.json 没有可读的年度评估记录，无法判断整改情况。',
          messageEn: 'evaluations.json holds no readable annual evaluation; rectification cannot be decided.',
        }
        : {
          status: 'insufficient_evidence',
          message: '缺少 evaluations.json，且授权协议并非始于评估期内，无法判断以往评估的整改情况。',
          messageEn: 'evaluations.json is missing and the agreement did not start within the period; rectification of earlier evaluations cannot be decided.',
        };
    }
    const late: { item: JsonItem; why: Words }[] = [];
    const review: { item: JsonItem; why: Words }[] = [];
    let notDue = 0;
    for (const item of ev.items) {
      const v = judge(ctx, item);
      if (v.kind === 'fail') late.push({ item, why: v.why });
      else if (v.kind === 'review') review.push({ item, why: v.why });
      else if (v.kind === 'not_due') notDue++;
    }
    const zh = (list: { item: JsonItem; why: Words }[]) => list.slice(0, 10).map((x) => `${x.item.id || '（无编号）'}（${x.why.zh}）`).join('；');
    const en = (list: { item: JsonItem; why: Words }[]) => list.slice(0, 10).map((x) => `${x.item.id || '(no id)'} (${x.why.en})`).join('; ');
    const total = ev.items.length;
    const figures = { items: total, lateOrOpen: late.map((x) => x.item.id), undecided: review.map((x) => x.item.id), notYetDue: notDue };
    if (late.length) {
      const n = late.length;
      const more = n > 10;
      return {
        status: 'fail',
        message: `以往评估的 ${total} 项问题中有 ${n} 项未按期整改或未再次评估：${zh(late)}${more ? ' 等' : ''}。`
          + (review.length ? `另有 ${review.length} 项缺少整改期限，需人工复核。` : ''),
        messageEn: `${n} of the ${total} finding${total === 1 ? '' : 's'} of earlier evaluations ${n === 1 ? 'was' : 'were'} not rectified on time or not re-evaluated: ${en(late)}${more ? ' and more' : ''}.`
          + (review.length ? ` ${review.length} more ${review.length === 1 ? 'has' : 'have'} no readable deadline and need${review.length === 1 ? 's' : ''} review.` : ''),
        evidence: evidenceOf(ctx.maxEvidence, late.map((x) => itemEvidence(x.item))),
        figures,
      };
    }
    if (review.length) {
      const n = review.length;
      return {
        status: 'needs_review',
        message: `以往评估中有 ${n} 项问题无法判断是否按期整改：${zh(review)}，请人工复核。`,
        messageEn: `For ${n} finding${n === 1 ? '' : 's'} of earlier evaluations it cannot be decided whether rectification was on time: ${en(review)}. Please review.`,
        evidence: evidenceOf(ctx.maxEvidence, review.map((x) => itemEvidence(x.item))),
        figures,
      };
    }
    const checked = total - notDue;
    const notDueEn = notDue ? `; ${notDue} more ${notDue === 1 ? 'is' : 'are'} due after the period` : '';
    if (total > 0 && checked === 0) {
      return {
        status: 'pass',
        message: `以往评估的 ${total} 项问题期限均在评估期之后，尚未到期。`,
        messageEn: `None of the ${total} finding${total === 1 ? '' : 's'} of earlier evaluations is due yet: the deadlines fall after the period.`,
        figures,
      };
    }
    return {
      status: 'pass',
      message: total === 0
        ? '以往年度评估未列出需整改的问题。'
        : `以往评估的 ${checked} 项到期问题均按期整改并已再次评估${notDue ? `；另有 ${notDue} 项期限在评估期之后，尚未到期` : ''}。`,
      messageEn: total === 0
        ? 'Earlier annual evaluations list no finding to rectify.'
        : `${checked === 1 ? 'The 1 finding' : `All ${checked} findings`} of earlier evaluations that fell due ${checked === 1 ? 'was' : 'were'} rectified on time and re-evaluated${notDueEn}.`,
      figures,
    };
  },
};
