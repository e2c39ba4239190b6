// The rule pack jz-2025-4: every rule of the catalogue (docs/spec/rules-jz-2025.md),
// listed explicitly so that adding a file never silently adds or drops a rule.

import type { RulePack } from '../../engine/assess.js';
import type { Rule } from '../../engine/types.js';
import { rule as JZ_06_01 } from './JZ-06-01.js';
import { rule as JZ_06_02 } from './JZ-06-02.js';
import { rule as JZ_07_01 } from './JZ-07-01.js';
import { rule as JZ_07_02 } from './JZ-07-02.js';
import { rule as JZ_07_03 } from './JZ-07-03.js';
import { rule as JZ_07_04 } from './JZ-07-04.js';
import { rule as JZ_08_01 } from './JZ-08-01.js';
import { rule as JZ_08_02 } from './JZ-08-02.js';
import { rule as JZ_08_03 } from './JZ-08-03.js';
import { rule as JZ_09_01 } from './JZ-09-01.js';
import { rule as JZ_09_02 } from './JZ-09-02.js';
import { rule as JZ_09_03 } from './JZ-09-03.js';
import { rule as JZ_10_01 } from './JZ-10-01.js';
import { rule as JZ_10_02 } from './JZ-10-02.js';
import { rule as JZ_10_03 } from './JZ-10-03.js';
import { rule as JZ_10_04 } from './JZ-10-04.js';
import { rule as JZ_10_05 } from './JZ-10-05.js';
import { rule as JZ_11_01 } from './JZ-11-01.js';
import { rule as JZ_11_02 } from './JZ-11-02.js';
import { rule as JZ_11_03 } from './JZ-11-03.js';
import { rule as JZ_11_04 } from './JZ-11-04.js';
import { rule as JZ_12_01 } from './JZ-12-01.js';
import { rule as JZ_12_02 } from './JZ-12-02.js';
import { rule as JZ_12_03 } from './JZ-12-03.js';
import { rule as JZ_13_01 } from './JZ-13-01.js';
import { rule as JZ_14_01 } from './JZ-14-01.js';
import { rule as JZ_14_02 } from './JZ-14-02.js';
import { rule as JZ_15_01 } from './JZ-15-01.js';
import { rule as JZ_15_02 } from './JZ-15-02.js';
import { rule as JZ_15_03 } from './JZ-15-03.js';
import { rule as JZ_16_01 } from './JZ-16-01.js';
import { rule as JZ_16_02 } from './JZ-16-02.js';
import { rule as JZ_17_01 } from './JZ-17-01.js';
import { rule as JZ_17_02 } from './JZ-17-02.js';
import { rule as JZ_17_03 } from './JZ-17-03.js';
import { rule as JZ_18_01 } from './JZ-18-01.js';
import { rule as JZ_18_02 } from './JZ-18-02.js';
import { rule as JZ_19_01 } from './JZ-19-01.js';
import { rule as JZ_20_01 } from './JZ-20-01.js';
import { rule as JZ_20_02 } from './JZ-20-02.js';
import { rule as JZ_21_01 } from './JZ-21-01.js';
import { rule as JZ_21_02 } from './JZ-21-02.js';
import { rule as JZ_21_03 } from './JZ-21-03.js';
import { rule as JZ_22_01 } from './JZ-22-01.js';
import { rule as JZ_22_02 } from './JZ-22-02.js';
import { rule as JZ_24_01 } from './JZ-24-01.js';
import { rule as JZ_25_01 } from './JZ-25-01.js';

export const RULES: Rule[] = [
  JZ_06_01,
  JZ_06_02,
  JZ_07_01,
  JZ_07_02,
  JZ_07_03,
  JZ_07_04,
  JZ_08_01,
  JZ_08_02,
  JZ_08_03,
  JZ_09_01,
  JZ_09_02,
  JZ_09_03,
  JZ_10_01,
  JZ_10_02,
  JZ_10_03,
  JZ_10_04,
  JZ_10_05,
  JZ_11_01,
  JZ_11_02,
  JZ_11_03,
  JZ_11_04,
  JZ_12_01,
  JZ_12_02,
  JZ_12_03,
  JZ_13_01,
  JZ_14_01,
  JZ_14_02,
  JZ_15_01,
  JZ_15_02,
  JZ_15_03,
  JZ_16_01,
  JZ_16_02,
  JZ_17_01,
  JZ_17_02,
  JZ_17_03,
  JZ_18_01,
  JZ_18_02,
  JZ_19_01,
  JZ_20_01,
  JZ_20_02,
  JZ_21_01,
  JZ_21_02,
  JZ_21_03,
  JZ_22_01,
  JZ_22_02,
  JZ_24_01,
  JZ_25_01,
];

export const pack: RulePack = { id: 'jz-2025-4', version: '1.0.0', rules: RULES };
