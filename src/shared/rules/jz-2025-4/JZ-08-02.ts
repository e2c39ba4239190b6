import { addDays, localDate, normaliseDate, parseInstant } from '../../bundle/time.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { Outcome, RecordRule, RuleContext } from '../../engine/types.js';
import { UNITS, type FigureSpecs } from '../../engine/figures.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

/** A date cell as its local calendar date (a timestamp gives its local day); null when unreadable. */
function dateOf(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const d = normaliseDate(value);
  if (d) return d;
  const t = parseInstant(value, timeZone);
  return Number.isNaN(t) ? null : localDate(t, timeZone);
}

function scoreOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return NaN;
}

/** The figures of an assessment check, shared by JZ-08-02 and JZ-08-03. */
export const ASSESSMENT_FIGURES: FigureSpecs = {
  date: { kind: 'date', label: { zh: '测评日期', en: 'Assessed on' } },
  score: { kind: 'number', unit: UNITS.points, label: { zh: '得分', en: 'Score' } },
  earliestDate: { kind: 'date', label: { zh: '最早有效日期', en: 'Earliest date still current' } },
  maxAgeDays: { kind: 'duration', unit: 'days', label: { zh: '有效天数', en: 'Days current' } },
  minScore: { kind: 'number', unit: UNITS.points, label: { zh: '最低得分', en: 'Lowest score' } },
};

/**
 * An assessment of platform.json (`mlps.assessment` or `crypto.assessment`): dated no
 * earlier than period.end − maxAgeDays (later dates count) and scored at least minScore.
 * Shared by JZ-08-02 and JZ-08-03.
 */
export function checkAssessment(
  ctx: RuleContext,
  section: 'mlps' | 'crypto',
  label: string,
  labelEn: string,
  maxAgeDays: number,
  minScore: number,
): Outcome {
  const platform = ctx.records.platform;
  if (!platform.present || !platform.value) return insufficient(`缺少或无法读取 platform.json，无法判断${label}情况。`, `platform.json is missing or unreadable; the ${labelEn} cannot be judged.`);
  const part = platform.value[section] as Record<string, unknown> | undefined;
  const assessment = part && typeof part === 'object' ? (part.assessment as Record<string, unknown> | undefined) : undefined;
  if (!assessment || typeof assessment !== 'object') return insufficient(`platform.json 缺少${label}信息，无法判断。`, `platform.json has no ${labelEn}; cannot decide.`);
  const date = dateOf(assessment.date, ctx.records.timezone);
  if (!date) return insufficient(`platform.json 的${label}日期缺失或无法读取，无法判断是否在有效期内。`, `The date of the ${labelEn} in platform.json is missing or unreadable; cannot decide.`);
  const score = scoreOf(assessment.score);
  if (!Number.isFinite(score)) return insufficient(`platform.json 的${label}得分缺失或不是数字，无法判断。`, `The score of the ${labelEn} in platform.json is missing or not a number; cannot decide.`);
  const earliest = addDays(ctx.records.period.end, -maxAgeDays);
  const problems: string[] = [];
  const problemsEn: string[] = [];
  if (date < earliest) {
    problems.push(`${label}日期 ${date} 早于 ${earliest}（评估期末 ${ctx.records.period.end} 前 ${maxAgeDays} 天）`);
    problemsEn.push(`the ${labelEn} of ${date} is before ${earliest} (${maxAgeDays} days before the period's end ${ctx.records.period.end})`);
  }
  if (score < minScore) {
    problems.push(`${label}得分 ${score} 分，低于 ${minScore} 分`);
    problemsEn.push(`the ${labelEn} scored ${score}, below ${minScore}`);
  }
  const figures = { date, score, earliestDate: earliest, maxAgeDays, minScore };
  if (problems.length === 0) {
    return {
      status: 'pass', message: `${label}日期 ${date}（不早于 ${earliest}），得分 ${score} 分（不低于 ${minScore} 分）。`,
      messageEn: `The ${labelEn} of ${date} (not before ${earliest}) scored ${score} (at least ${minScore}).`, figures,
    };
  }
  return {
    status: 'fail',
    message: `${problems.join('；')}。`,
    messageEn: `${problemsEn.join('; ').replace(/^./, (c) => c.toUpperCase())}.`,
    evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ [section]: { assessment } }))]),
    figures,
  };
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-08-02',
    article: 8,
    severity: 'high',
    title: '等级保护测评在有效期内且得分达标',
    titleEn: 'The MLPS assessment is current and scores enough',
    ...article(8),
    evidence: ['platform.json：等级保护测评日期、得分', 'manifest.json：评估期末'],
    params: {
      mlps_assessment_max_age_days: {
        type: 'integer',
        default: 365,
        source: '《信息安全等级保护管理办法》（公通字〔2007〕43号）第十四条：第三级信息系统每年至少进行一次等级测评',
        description: '等级测评日期距评估期末的最长天数（评估期末之后的日期也有效）。',
        label: { zh: '等级测评有效天数', en: 'Days an MLPS assessment stays current' },
        unit: { zh: '天', en: 'days' },
      },
      mlps_min_score: {
        type: 'number',
        default: 70,
        source: '等级测评报告模板（公安部）综合得分分档：低于 70 分为“差”；规则目录默认值',
        description: '等级测评的最低得分。',
        label: { zh: '等级测评最低得分', en: 'Lowest MLPS score' },
        unit: UNITS.points,
      },
    },
    figures: ASSESSMENT_FIGURES,
    notes: '测评日期写成时间戳时取其当地日期；日期不早于“评估期末 − N 天”即有效（等于界限日也有效）。测评信息、日期或得分缺失为证据不足。',
  },
  evaluate: (ctx) =>
    checkAssessment(ctx, 'mlps', '等级保护测评', 'MLPS assessment', Number(ctx.params.mlps_assessment_max_age_days), Number(ctx.params.mlps_min_score)),
};
