// What a case is about: one operator, known by its unified social credit code (统一社会信用代码,
// from operator.json or the manifest), and one review period. A re-evaluation must be of the
// same operator and period; the case never takes another's name.

import type { Findings } from '../../shared/engine/assess.js';

export interface CaseIdentity {
  operatorId: string | null;
  operatorName: string | null;
  period: { start: string; end: string };
}

export function identityOf(f: Findings): CaseIdentity {
  return { operatorId: f.bundle.operatorId, operatorName: f.bundle.operatorName, period: { start: f.period.start, end: f.period.end } };
}

/** Same operator and period. Without a credit code on either side, the names must agree instead. */
export function sameIdentity(a: CaseIdentity, b: CaseIdentity): boolean {
  const operator = a.operatorId || b.operatorId ? a.operatorId === b.operatorId : a.operatorName === b.operatorName;
  return operator && a.period.start === b.period.start && a.period.end === b.period.end;
}

/** Thrown by the repository when a re-evaluation's bundle is of another operator or period. */
export class IdentityMismatch extends Error {
  constructor(readonly caseIdentity: CaseIdentity, readonly bundleIdentity: CaseIdentity) {
    super(`the bundle is of ${bundleIdentity.operatorId ?? bundleIdentity.operatorName} ${bundleIdentity.period.start}..${bundleIdentity.period.end}, the case of ${caseIdentity.operatorId ?? caseIdentity.operatorName} ${caseIdentity.period.start}..${caseIdentity.period.end}`);
    this.name = 'IdentityMismatch';
  }
}
