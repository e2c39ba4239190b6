import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { checkAssessment } from './JZ-08-02.js';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-08-03',
    article: 8,
    severity: 'medium',
    title: '商用密码应用安全性评估在有效期内且得分达标',
    articleText: articleText(8),
    evidence: ['platform.json: crypto.assessment.date, crypto.assessment.score', 'manifest.json: period.end'],
    params: {
      crypto_assessment_max_age_days: {
        type: 'integer',
        default: 365,
        source: '《商用密码应用安全性评估管理办法》（2023）：等级保护第三级以上网络每年至少开展一次商用密码应用安全性评估',
        description: '密评日期距评估期末的最长天数（评估期末之后的日期也有效）。',
      },
      crypto_min_score: {
        type: 'number',
        default: 60,
        source: '商用密码应用安全性评估量化评估规则：得分低于 60 分为“不符合”；规则目录默认值',
        description: '密评的最低得分。',
      },
    },
    notes: '测评日期写成时间戳时取其当地日期；日期不早于“评估期末 − N 天”即有效（等于界限日也有效）。assessment、date 或 score 缺失为证据不足。',
  },
  evaluate: (ctx) =>
    checkAssessment(ctx, 'crypto', '商用密码应用安全性评估', Number(ctx.params.crypto_assessment_max_age_days), Number(ctx.params.crypto_min_score)),
};
