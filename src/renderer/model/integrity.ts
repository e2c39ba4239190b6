// The bundle's integrity as the overview shows it, read from rule JZ-17-03's result: its
// figures carry what the manifest listed, what is missing, changed or unlisted, and the
// manifest signature. Without that rule (disabled in the profile) integrity is unknown.

import type { Findings } from '../../shared/engine/assess.js';
import type { Status } from '../../shared/engine/types.js';
import type { KeyRegistration } from '../../shared/bundle/types.js';

const REGISTRATIONS: KeyRegistration[] = ['registered', 'other-key-registered', 'unregistered'];

export const INTEGRITY_RULE = 'JZ-17-03';

export interface ChangedFile {
  path: string;
  expected: string;
  actual: string;
  expectedBytes: number;
  actualBytes: number;
}

export type IntegrityView =
  | { checked: false }
  | {
      checked: true;
      status: Status;
      message: string;
      listed: number;
      missing: string[];
      changed: ChangedFile[];
      unlisted: string[];
      signature: 'absent' | 'valid' | 'invalid' | 'unsupported' | string;
      signatureAlg: string | null;
      /** Every listed file present with its hash, nothing unlisted. */
      filesIntact: boolean;
      /** Whose key signed the manifest (absent when it is not signed or could not be read). */
      signerKey: { fingerprintSha256: string; registration: KeyRegistration; label: string | null } | null;
    };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function changedOf(v: unknown): ChangedFile[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as Record<string, unknown>;
    if (typeof o.path !== 'string') return [];
    return [{
      path: o.path,
      expected: String(o.expected ?? ''),
      actual: String(o.actual ?? ''),
      expectedBytes: Number(o.expectedBytes ?? NaN),
      actualBytes: Number(o.actualBytes ?? NaN),
    }];
  });
}

export function integrityOf(findings: Pick<Findings, 'results'>): IntegrityView {
  const r = findings.results.find((x) => x.ruleId === INTEGRITY_RULE);
  if (!r) return { checked: false };
  const f = (r.figures ?? {}) as Record<string, unknown>;
  const missing = strings(f.missing);
  const changed = changedOf(f.changed);
  const unlisted = strings(f.unlisted);
  return {
    checked: true,
    status: r.status,
    message: r.message,
    listed: typeof f.listed === 'number' ? f.listed : 0,
    missing,
    changed,
    unlisted,
    signature: typeof f.signature === 'string' ? f.signature : 'absent',
    signatureAlg: typeof f.signatureAlg === 'string' ? f.signatureAlg : null,
    filesIntact: missing.length === 0 && changed.length === 0 && unlisted.length === 0,
    signerKey: typeof f.signerKeyFingerprint === 'string' && REGISTRATIONS.includes(f.signerKeyRegistration as KeyRegistration)
      ? { fingerprintSha256: f.signerKeyFingerprint, registration: f.signerKeyRegistration as KeyRegistration, label: typeof f.signerKeyLabel === 'string' ? f.signerKeyLabel : null }
      : null,
  };
}
