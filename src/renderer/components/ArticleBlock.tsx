// The article a rule checks: its text as issued, quoted as 条文, and beside it what the pack
// checks of it (检查要点), plainly not a quote.

import type { RuleMeta } from '../../shared/engine/types.js';
import { MEASURES } from '../../shared/rules/jz-2025-4/articles.js';
import { useT } from '../i18n/useT.js';

const paragraphs = (text: string) => text.split('\n').map((p, i) => <p key={i}>{p}</p>);

export function ArticleBlock({ article, meta }: { article: number; meta: RuleMeta | undefined }) {
  const t = useT();
  const heading = t('article', { n: article });
  return (
    <section className="article-block" aria-label={heading}>
      <h3>
        {heading}
        <span className="muted small"> · {MEASURES.docNo}</span>
      </h3>
      {meta?.articleText ? (
        <figure>
          <figcaption className="muted small">{t('detail.quote')}</figcaption>
          <blockquote className="quote" cite={MEASURES.docNo} data-testid="article-quote" lang="zh-CN">
            {paragraphs(meta.articleText)}
          </blockquote>
        </figure>
      ) : (
        <p className="muted">{t('detail.noArticle')}</p>
      )}
      {meta?.checkPoints && (
        <div className="points" data-testid="article-points">
          <p className="points-label">{t('detail.points')}</p>
          {paragraphs(meta.checkPoints)}
        </div>
      )}
    </section>
  );
}
