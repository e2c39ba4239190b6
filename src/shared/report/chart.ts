// Statuses by article as a stacked horizontal bar chart, drawn as vectors (pdfmake canvas)
// inside a table so the labels line up with the bars.

import type { Status } from '../engine/types.js';
import { STATUSES, STATUS_COLOR, STATUS_ZH, articleHeading } from './labels.js';
import type { DocNode } from './types.js';

const BAR_WIDTH = 250;
const BAR_HEIGHT = 9;

export function statusChart(items: { article: number; status: Status }[]): DocNode {
  const byArticle = new Map<number, Record<Status, number>>();
  for (const it of items) {
    const row = byArticle.get(it.article) ?? { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 };
    row[it.status]++;
    byArticle.set(it.article, row);
  }
  const articles = [...byArticle.keys()].sort((a, b) => a - b);
  const max = Math.max(1, ...articles.map((a) => STATUSES.reduce((s, k) => s + byArticle.get(a)![k], 0)));
  const unit = BAR_WIDTH / max;

  const legend: DocNode = {
    columns: STATUSES.map((s) => ({
      width: 'auto',
      columns: [
        { width: 10, canvas: [{ type: 'rect', x: 0, y: 2, w: 8, h: 8, color: STATUS_COLOR[s] }] },
        { width: 'auto', text: STATUS_ZH[s], fontSize: 8, margin: [0, 0, 10, 0] },
      ],
    })),
    margin: [0, 0, 0, 6],
  };

  const rows: DocNode[][] = articles.map((a) => {
    const c = byArticle.get(a)!;
    let x = 0;
    const rects: DocNode[] = [{ type: 'rect', x: 0, y: 1, w: BAR_WIDTH, h: BAR_HEIGHT, color: '#f1f3f4' }];
    for (const s of STATUSES) {
      if (!c[s]) continue;
      rects.push({ type: 'rect', x, y: 1, w: c[s] * unit, h: BAR_HEIGHT, color: STATUS_COLOR[s], lineColor: '#ffffff', lineWidth: 0.8 });
      x += c[s] * unit;
    }
    const label = STATUSES.filter((s) => c[s]).map((s) => `${STATUS_ZH[s]} ${c[s]}`).join('  ');
    return [
      { text: articleHeading(a), fontSize: 8.5 },
      { canvas: rects },
      { text: label, fontSize: 7.5, color: '#455a64' },
    ];
  });

  const body: DocNode[] = [legend];
  if (rows.length) {
    body.push({
      table: { widths: [56, BAR_WIDTH + 4, '*'], body: rows },
      layout: {
        hLineWidth: () => 0, vLineWidth: () => 0,
        paddingLeft: () => 0, paddingRight: () => 4, paddingTop: () => 2, paddingBottom: () => 2,
      },
      margin: [0, 0, 0, 4],
    });
    body.push({ text: `每格代表一项规则（最长的条为 ${max} 项）。`, fontSize: 7.5, color: '#78909c', margin: [0, 0, 0, 8] });
  } else {
    body.push({ text: '没有评估结果。', fontSize: 9 });
  }
  return { stack: body, unbreakable: rows.length <= 30 };
}
