// One rule in full: the article it checks, the result and its figures, the evidence, and
// the reviewer's decisions on it.

import { useState } from 'react';
import type { Findings } from '../../shared/engine/assess.js';
import type { EffectiveRule } from '../../shared/review/effective.js';
import { useT } from '../i18n/useT.js';
import type { CaseDecision } from '../model/decisions.js';
import { groupDigits } from '../model/format.js';
import { paramValueText } from '../../shared/engine/figures.js';
import { useDesk } from '../store/index.js';
import { metasOf, ruleMessage, ruleTitle } from '../model/rules.js';
import { ArticleBlock } from './ArticleBlock.js';
import { SeverityTag, StatusBadge } from './Badges.js';
import { DecisionPanel } from './DecisionPanel.js';
import { EvidenceTable } from './EvidenceTable.js';
import { FiguresView } from './FiguresView.js';
import { TabPanel, Tabs } from './Tabs.js';

export type DetailTab = 'basis' | 'evidence' | 'decide';

export function FindingDetail({ rule, findings, decisions, tab, onTab }: {
  rule: EffectiveRule;
  findings: Findings;
  decisions: CaseDecision[];
  tab: DetailTab;
  onTab: (t: DetailTab) => void;
}) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const r = rule.result;
  const meta = metasOf(findings.rulePack.id).get(r.ruleId);
  const params = { ...Object.fromEntries(Object.entries(meta?.params ?? {}).map(([k, s]) => [k, s.default])), ...(findings.profile.changedParams[r.ruleId] ?? {}) };
  const mine = decisions.filter((d) => d.ruleId === r.ruleId);
  const [showMeta, setShowMeta] = useState(false);
  return (
    <article className="detail" aria-labelledby="detail-title" data-testid="finding-detail" data-rule={r.ruleId}>
      <header className="detail-head">
        <h2 id="detail-title"><span className="mono">{r.ruleId}</span> {ruleTitle(r, lang)}</h2>
        <div className="detail-badges">
          <StatusBadge status={rule.status} />
          {rule.status !== rule.toolStatus && <span className="muted small">{t('findings.toolWas', { s: t(`status.${rule.toolStatus}`) })}</span>}
          {rule.waiver && <span className="tag tag-waiver">{t('mark.waiver')} · {rule.waiver.expires}</span>}
          <SeverityTag severity={r.severity} />
        </div>
      </header>
      <Tabs<DetailTab>
        idPrefix="detail"
        label={t('detail.tabs')}
        active={tab}
        onChange={onTab}
        tabs={[
          { id: 'basis', label: t('detail.tab.basis') },
          { id: 'evidence', label: t('detail.tab.evidence', { n: groupDigits(r.evidenceCount) }) },
          { id: 'decide', label: t('detail.tab.decide', { n: mine.filter((d) => !d.withdrawnAt).length }) },
        ]}
      />
      <TabPanel idPrefix="detail" active={tab} className={`detail-body detail-${tab}`}>
        {tab === 'basis' && (
          <div className="basis">
            <ArticleBlock article={r.article} meta={meta} />
            <section aria-labelledby="msg-h">
              <h3 id="msg-h">{t('detail.message')}</h3>
              <p className="message" data-testid="finding-message">{ruleMessage(r, lang)}</p>
            </section>
            <section aria-labelledby="fig-h">
              <h3 id="fig-h">{t('detail.figures')}</h3>
              {r.figures && Object.keys(r.figures).length ? <FiguresView figures={r.figures} specs={meta?.figures ?? {}} lang={lang} /> : <p className="muted">{t('detail.noFigures')}</p>}
            </section>
            {meta && (
              <section className="rule-meta">
                <button type="button" className="link" aria-expanded={showMeta} onClick={() => setShowMeta(!showMeta)}>
                  {showMeta ? '▾' : '▸'} {t('detail.checks')} · {t('detail.params')} · {t('detail.notes')}
                </button>
                {showMeta && (
                  <div>
                    <h4>{t('detail.checks')}</h4>
                    <ul className="plain">{meta.evidence.map((e) => <li key={e} className="mono small">{e}</li>)}</ul>
                    {Object.keys(params).length > 0 && (
                      <>
                        <h4>{t('detail.params')}</h4>
                        <dl className="figures">
                          {Object.entries(params).map(([k, v]) => {
                            const spec = meta.params[k];
                            return spec && (
                              <div key={k} className="fig-row"><dt>{spec.label[lang]}</dt><dd>{paramValueText(spec, v, lang)}</dd></div>
                            );
                          })}
                        </dl>
                      </>
                    )}
                    {meta.notes && (<><h4>{t('detail.notes')}</h4><p className="small">{meta.notes}</p></>)}
                  </div>
                )}
              </section>
            )}
          </div>
        )}
        {tab === 'evidence' && <EvidenceTable result={r} cap={findings.profile.maxEvidence} />}
        {tab === 'decide' && <DecisionPanel key={r.ruleId} rule={rule} decisions={mine} />}
      </TabPanel>
    </article>
  );
}
