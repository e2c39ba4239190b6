import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-10-04.js';

const DATASETS = 'id,name,provider,classification,contains_personal_info\nDS-PI,健康,卫健委,important,true\nDS-NO,交通,交警,general,否\nDS-UNK,文旅,文旅局,general,\n';
const HEAD = 'id,name,type,source_datasets,anonymization_review_at,first_delivered_at,status';
const products = (...rows: string[]) => [HEAD, ...rows].join('\n');

describe('JZ-10-04', () => {
  it('passes when reviews precede first delivery (same day counts) or the period end', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      products: products(
        'PR1,评分模型,model,DS-PI,2026-01-28,2026-02-10,delivered',
        'PR2,核保模型,数据模型,DS-NO;DS-PI,2026-03-10,2026-03-10,delivered',
        'PR3,分析模型,model,DS-PI,2026-07-01,,developing',
        'PR4,报告,report,DS-PI,,2026-03-10,delivered',
        'PR5,交通模型,model,DS-NO,,2026-03-10,delivered',
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ modelsUsingPersonalInfo: 3 });
  });

  it('fails on late or missing reviews, pointing at the product rows', () => {
    const out = runRule(rule, {
      period: { start: '2026-01-01', end: '2026-12-31' },
      datasets: DATASETS,
      products: products(
        'PR1,评分模型,model,DS-PI,2026-01-28,2026-02-10,delivered',
        'PR4,核保模型,model,DS-PI,2026-03-20,2026-03-10,delivered',
        'PR6,风控模型,model,DS-PI,,2026-05-01,delivered',
        'PR7,人口模型,model,DS-PI,2027-01-01,,developing',
        'PR8,时刻模型,model,DS-PI,2026-03-10T10:00:00+08:00,2026-03-10T09:00:00+08:00,delivered',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([
      ['products.csv', 3, 'PR4'],
      ['products.csv', 4, 'PR6'],
      ['products.csv', 5, 'PR7'],
      ['products.csv', 6, 'PR8'],
    ]);
    expect(out.message).toContain('PR4（评估 2026-03-20 晚于首次交付 2026-03-10）');
  });

  it('needs review when a source dataset is unknown or unmarked', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      products: products('PR1,模型甲,model,DS-UNK,,2026-02-10,delivered', 'PR2,模型乙,model,DS-GONE,,2026-02-10,delivered'),
    });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['PR1', 'PR2']);
  });

  it('is not applicable without models using personal information', () => {
    const out = runRule(rule, { datasets: DATASETS, products: products('PR1,模型,model,DS-NO,,2026-02-10,delivered') });
    expect(out.status).toBe('not_applicable');
  });

  it('lacks evidence without products.csv, datasets.csv or their columns', () => {
    expect(runRule(rule, { datasets: DATASETS }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { products: products() }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { datasets: 'id,name\nDS-PI,x', products: products() }).status).toBe('insufficient_evidence');
  });
});
