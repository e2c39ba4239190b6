// The article a rule checks. The issued wording is quoted; where only the catalogue's
// summary is at hand (POINTS_LABEL) it is shown as 条文要点, plainly not a quote.

import type { RuleMeta } from '../../shared/engine/types.js';
import { MEASURES } from '../../shared/rules/jz-2025-4/articles.js';
import { useT } from '../i18n/useT.js';
import { articleTextOf } from '../model/rules.js';

export function ArticleBlock({ article, meta }: { article: number; meta: RuleMeta | undefined }) {
  const t = useT();
  const a = articleTextOf(meta);
  const heading = t('article', { n: article });
  return (
    <section className="article-block" aria-label={heading}>
      <h3>
        {heading}
        <span className="muted small"> · {MEASURES.docNo}</span>
      </h3>
      {a.kind === 'quote' && (
        <figure>
          <blockquote className="quote" cite={MEASURES.docNo} data-testid="article-quote">
            {a.text.split('\n').map((p, i) => <p key={i}>{p}</p>)}
          </blockquote>
          <figcaption className="muted small">{t('detail.quote')}</figcaption>
        </figure>
      )}
      {a.kind === 'points' && (
        <div className="points" data-testid="article-points">
          <p className="points-label">{t('detail.points')}</p>
          {a.text.split('\n').map((p, i) => <p key={i}>{p}</p>)}
        </div>
      )}
      {a.kind === 'none' && <p className="muted">{t('detail.noArticle')}</p>}
    </section>
  );
}
