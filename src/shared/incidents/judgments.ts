// The reviewer's judgments of JZ-21-03's episodes folded into the rule's decision: every
// uncovered episode explained → the rule may be resolved to pass; any episode that needed
// an incident report → fail; otherwise it stays needs_review. Pure.

import { nameOf } from '../names.js';
import { EPISODES_RULE_ID, type EpisodeView } from './episodes.js';

export type EpisodeVerdict = 'explained' | 'needs_incident_report';

export const EPISODE_VERDICT_NAMES: Record<EpisodeVerdict, string> = {
  explained: '已说明', needs_incident_report: '应按事件报告',
};

/** One judgment, as the UI stores it. */
export interface EpisodeJudgment {
  /** EpisodeView.key. */
  episodeKey: string;
  verdict: EpisodeVerdict;
  /** Why: what explains the episode, or why it should have been reported. */
  note: string;
  by?: string;
  /** ISO 8601. */
  at?: string;
}

export type FoldStatus = 'pass' | 'fail' | 'needs_review';

export interface EpisodeFold {
  status: FoldStatus;
  /** Episodes judged explained / needing a report (of those listed). */
  explained: number;
  needsReport: number;
  /** Uncovered listed episodes without a judgment. */
  unjudged: number;
  /** Episodes the evidence cap left out of the list: they cannot be judged. */
  unlisted: number;
  /** Judgments whose episode is not in the list (the episode changed or vanished). */
  stale: EpisodeJudgment[];
  /** Chinese, for the decision's reason. */
  reason: string;
  /** The judgment the reviewer may record for JZ-21-03; null while the rule stays open or nothing was judged. */
  decision: { ruleId: string; status: 'pass' | 'fail'; reason: string } | null;
}

/** The last judgment per episode, keyed by episode key. */
export function latestJudgments(judgments: readonly EpisodeJudgment[]): Map<string, EpisodeJudgment> {
  const m = new Map<string, EpisodeJudgment>();
  for (const j of judgments) m.set(j.episodeKey, j);
  return m;
}

function label(e: EpisodeView): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(e.first);
  return `${nameOf('episodeKind', e.kind)}（账号 ${e.actor || '（空）'}，${m ? `${m[1]} ${m[2]}` : e.first}）`;
}

/**
 * Fold the judgments into JZ-21-03's decision. `total` is the rule's true episode count:
 * when the evidence cap left episodes out, they cannot be judged and keep the rule open
 * (unless some episode already fails it).
 */
export function foldEpisodeJudgments(
  episodes: readonly EpisodeView[], judgments: readonly EpisodeJudgment[], opts: { total?: number } = {},
): EpisodeFold {
  const latest = latestJudgments(judgments);
  const keys = new Set(episodes.map((e) => e.key));
  const stale = [...latest.values()].filter((j) => !keys.has(j.episodeKey));
  let explained = 0;
  const needs: EpisodeView[] = [];
  let unjudged = 0;
  for (const e of episodes) {
    const j = latest.get(e.key);
    if (j?.verdict === 'needs_incident_report') needs.push(e);
    else if (j?.verdict === 'explained') explained++;
    else if (!e.covered) unjudged++;
  }
  const unlisted = Math.max(0, (opts.total ?? episodes.length) - episodes.length);
  const judged = explained + needs.length;

  let status: FoldStatus;
  let reason: string;
  if (needs.length) {
    status = 'fail';
    const notes = needs.map((e) => {
      const note = latest.get(e.key)!.note.trim();
      return `${label(e)}${note ? `：${note}` : ''}`;
    });
    reason = `复核认定 ${needs.length} 处迹象应作为数据安全事件报告而未报告：${notes.join('；')}。`;
  } else if (unjudged === 0 && unlisted === 0) {
    status = 'pass';
    reason = judged
      ? `日志中的 ${episodes.filter((e) => !e.covered).length} 处未覆盖迹象均已逐一核实并说明，不构成应报告的数据安全事件。`
      : '没有未覆盖的安全事件迹象。';
  } else {
    status = 'needs_review';
    const parts: string[] = [];
    if (unjudged) parts.push(`尚有 ${unjudged} 处未覆盖的迹象未经复核判断`);
    if (unlisted) parts.push(`${unjudged ? '另有' : '有'} ${unlisted} 处迹象因证据条数上限未列出，无法判断（需提高证据条数上限后重新评估）`);
    reason = `${parts.join('；')}。`;
  }
  const decision = status !== 'needs_review' && judged > 0 ? { ruleId: EPISODES_RULE_ID, status, reason } : null;
  return { status, explained, needsReport: needs.length, unjudged, unlisted, stale, reason, decision };
}
