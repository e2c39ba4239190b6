// JUnit XML for pipelines: one test case per rule, by its status after the decisions (if
// any). fail → failure; needs_review / insufficient_evidence → skipped with the message; a
// waived fail is skipped.

import type { Findings } from '../engine/assess.js';
import { effectiveRules } from '../review/effective.js';
import type { Decision } from '../review/types.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

export function toJunit(f: Findings, decisions: readonly Decision[] = [], asOf = f.generatedAt.slice(0, 10)): string {
  const results = effectiveRules(f.results, decisions, asOf).map((e) => ({ ...e.result, status: e.status, waiver: e.waiver }));
  const failures = results.filter((r) => r.status === 'fail' && !r.waiver).length;
  const skipped = results.filter((r) => r.status === 'needs_review' || r.status === 'insufficient_evidence' || (r.status === 'fail' && r.waiver)).length;
  const suiteName = `${f.rulePack.id} ${f.bundle.operatorName ?? f.bundle.operatorId ?? f.bundle.source}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="compliance-desk" tests="${f.results.length}" failures="${failures}" skipped="${skipped}" time="${f.stats.seconds}">`,
    `  <testsuite name="${esc(suiteName)}" tests="${f.results.length}" failures="${failures}" skipped="${skipped}" errors="0" timestamp="${esc(f.generatedAt)}">`,
  ];
  for (const r of results) {
    const name = `${r.ruleId} ${r.title}`;
    const cls = `${f.rulePack.id}.art${String(r.article).padStart(2, '0')}`;
    lines.push(`    <testcase classname="${esc(cls)}" name="${esc(name)}">`);
    const evidence = r.evidence.slice(0, 20).map((e) => `${e.file}${e.line ? `:${e.line}` : ''} ${e.eventId ?? e.rowId ?? ''}`.trim()).join('\n');
    if (r.status === 'fail' && !r.waiver) {
      lines.push(`      <failure type="${r.severity}" message="${esc(r.message)}">${esc(`${r.message}\n共 ${r.evidenceCount} 条证据\n${evidence}`)}</failure>`);
    } else if (r.status === 'fail' && r.waiver) {
      lines.push(`      <skipped message="${esc(`waived until ${r.waiver.expires}: ${r.waiver.justification}`)}"/>`);
    } else if (r.status === 'needs_review' || r.status === 'insufficient_evidence') {
      lines.push(`      <skipped message="${esc(`${r.status}: ${r.message}`)}"/>`);
    }
    lines.push(`      <system-out>${esc(`${r.status}: ${r.message}`)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
