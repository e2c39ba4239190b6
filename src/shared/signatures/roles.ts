// The roles in which a Chinese report is signed, in the order people sign it: whoever
// drafted it (编制), whoever checked it (审核), whoever approved it (批准).

export const SIGNATURE_ROLES = ['编制', '审核', '批准'] as const;

/** The role of the n-th signature (0-based) when none is named: the last role repeats. */
export function roleOfSignature(n: number): string {
  return SIGNATURE_ROLES[Math.min(n, SIGNATURE_ROLES.length - 1)];
}
