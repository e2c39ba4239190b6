import type { JsonItem } from '../../bundle/types.js';
import { evidenceOf, itemEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
import { endOf, startOf } from './support.js';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** True when agreement.start falls in the period: a first-year operator has no earlier evaluation. */
function agreementStartedInPeriod(ctx: RuleContext): boolean {
  const start = startOf(ctx, text((ctx.records.agreement.value as { start?: unknown } | undefined)?.start));
  return start >= ctx.periodStartMs && start < ctx.periodEndMs;
}

type Verdict = { kind: 'ok' } | { kind: 'not_due' } | { kind: 'fail'; why: string } | { kind: 'review'; why: string };

function judge(ctx: RuleContext, item: JsonItem): Verdict {
  const v = item.value as Record<string, unknown>;
  const deadline = text(v.deadline);
  const rectified = text(v.rectified_at);
  const reEvaluated = text(v.re_evaluated_at);
  const deadlineStart = startOf(ctx, deadline);
  const rectifiedMs = startOf(ctx, rectified);
  const closed = !Number.isNaN(rectifiedMs) && !Number.isNaN(startOf(ctx, reEvaluated));
  if (Number.isNaN(deadlineStart)) return { kind: 'review', why: deadline ? `整改期限“${deadline}”无法识别` : '未给出整改期限' };
  // An item still open whose deadline lies after the period is not yet due.
  if (!closed && deadlineStart >= ctx.periodEndMs) return { kind: 'not_due' };
  if (Number.isNaN(rectifiedMs)) return { kind: 'fail', why: rectified ? `整改完成时间“${rectified}”无法识别` : `期限 ${deadline} 已过仍未整改` };
  if (rectifiedMs >= endOf(ctx, deadline)) return { kind: 'fail', why: `${rectified} 完成整改，晚于期限 ${deadline}` };
  if (!closed) return { kind: 'fail', why: reEvaluated ? `复评时间“${reEvaluated}”无法识别` : '整改后未复评' };
  return { kind: 'ok' };
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-13-01',
    article: 13,
    severity: 'medium',
    title: '年度评估发现的问题按期整改并复评',
    articleText: articleText(13),
    evidence: ['evaluations.json: items[].deadline, rectified_at, re_evaluated_at', 'agreement.json: start'],
    params: {},
    notes:
      '整改期限按当日 24:00 截止。既已整改又已复评的事项为已关闭；未关闭且期限在评估期结束之后的事项尚未到期，不作检查。'
      + '时间无法识别视同缺失；缺少或无法识别整改期限的事项转人工复核。本条不检查复评与整改的先后。'
      + 'evaluations.json 缺失或没有任何年度记录时：授权协议始于评估期内为不适用，否则为证据不足。',
  },
  evaluate(ctx) {
    const ev = ctx.records.evaluations;
    if (!ev.present || ev.years.length === 0) {
      if (agreementStartedInPeriod(ctx)) {
        return { status: 'not_applicable', message: '授权协议于评估期内开始，尚无以往年度评估，不涉及整改。' };
      }
      return {
        status: 'insufficient_evidence',
        message: ev.present ? 'evaluations.json 没有可读的年度评估记录，无法判断整改情况。' : '缺少 evaluations.json，且授权协议并非始于评估期内，无法判断以往评估的整改情况。',
      };
    }
    const late: { item: JsonItem; why: string }[] = [];
    const review: { item: JsonItem; why: string }[] = [];
    let notDue = 0;
    for (const item of ev.items) {
      const v = judge(ctx, item);
      if (v.kind === 'fail') late.push({ item, why: v.why });
      else if (v.kind === 'review') review.push({ item, why: v.why });
      else if (v.kind === 'not_due') notDue++;
    }
    const label = (x: { item: JsonItem; why: string }) => `${x.item.id || '（无编号）'}（${x.why}）`;
    const figures = { items: ev.items.length, lateOrOpen: late.map((x) => x.item.id), undecided: review.map((x) => x.item.id), notYetDue: notDue };
    if (late.length) {
      return {
        status: 'fail',
        message: `以往评估的 ${ev.items.length} 项问题中有 ${late.length} 项未按期整改或未复评：${late.slice(0, 10).map(label).join('；')}${late.length > 10 ? ' 等' : ''}。`
          + (review.length ? `另有 ${review.length} 项缺少整改期限，需人工复核。` : ''),
        evidence: evidenceOf(ctx.maxEvidence, late.map((x) => itemEvidence(x.item))),
        figures,
      };
    }
    if (review.length) {
      return {
        status: 'needs_review',
        message: `以往评估中有 ${review.length} 项问题无法判断是否按期整改：${review.slice(0, 10).map(label).join('；')}，请人工复核。`,
        evidence: evidenceOf(ctx.maxEvidence, review.map((x) => itemEvidence(x.item))),
        figures,
      };
    }
    const checked = ev.items.length - notDue;
    return {
      status: 'pass',
      message: ev.items.length === 0
        ? '以往年度评估未列出需整改的问题。'
        : `以往评估的 ${checked} 项到期问题均按期整改并已复评${notDue ? `；另有 ${notDue} 项期限在评估期之后，尚未到期` : ''}。`,
      figures,
    };
  },
};
