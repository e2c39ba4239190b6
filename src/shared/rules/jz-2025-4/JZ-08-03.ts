import { UNITS } from '../../engine/figures.js';
import type { RecordRule } from '../../engine/types.js';
import { article } from './articles.js';
import { ASSESSMENT_FIGURES, checkAssessment } from './JZ-08-02.js';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-08-03',
    article: 8,
    severity: 'medium',
    title: '商用密码应用安全性评估在有效期内且得分达标',
    titleEn: 'The commercial cryptography assessment is current and scores enough',
    ...article(8),
    evidence: ['platform.json：商用密码应用安全性评估日期、得分', 'manifest.json：评估期末'],
    params: {
      crypto_assessment_max_age_days: {
        type: 'integer',
        default: 365,
        source: '《商用密码应用安全性评估管理办法》（2023）：等级保护第三级以上网络每年至少开展一次商用密码应用安全性评估',
        description: '密评日期距评估期末的最长天数（评估期末之后的日期也有效）。',
        label: { zh: '密评有效天数', en: 'Days a cryptography assessment stays current' },
        unit: { zh: '天', en: 'days' },
      },
      crypto_min_score: {
        type: 'number',
        default: 60,
        source: '商用密码应用安全性评估量化评估规则：得分低于 60 分为“不符合”；规则目录默认值',
        description: '密评的最低得分。',
        label: { zh: '密评最低得分', en: 'Lowest cryptography score' },
        unit: UNITS.points,
      },
    },
    figures: ASSESSMENT_FIGURES,
    notes: '测评日期写成时间戳时取其当地日期；日期不早于“评估期末 − N 天”即有效（等于界限日也有效）。测评信息、日期或得分缺失为证据不足。',
  },
  evaluate: (ctx) =>
    checkAssessment(ctx, 'crypto', '商用密码应用安全性评估', 'commercial cryptography assessment', Number(ctx.params.crypto_assessment_max_age_days), Number(ctx.params.crypto_min_score)),
};
