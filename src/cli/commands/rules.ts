import { SEVERITY_ZH } from '../../shared/report/labels.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';

export function runRules(values: { json?: boolean }): number {
  const pack = packById(DEFAULT_PACK_ID);
  const rules = [...pack.rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  if (values.json) {
    const out = {
      rulePack: { id: pack.id, version: pack.version },
      rules: rules.map((r) => ({
        id: r.meta.id, article: r.meta.article, severity: r.meta.severity, title: r.meta.title, titleEn: r.meta.titleEn, kind: r.kind,
        evidence: r.meta.evidence, params: r.meta.params, figures: r.meta.figures, notes: r.meta.notes ?? null,
        articleText: r.meta.articleText, checkPoints: r.meta.checkPoints,
      })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const lines = [`${pack.id} ${pack.version}: ${rules.length} rules`, ''];
  for (const r of rules) {
    lines.push(`${r.meta.id}  第${r.meta.article}条  ${r.meta.severity}(${SEVERITY_ZH[r.meta.severity]})  ${r.meta.title}`);
    for (const [name, spec] of Object.entries(r.meta.params)) {
      // The key is what a profile file sets; the label is what the workbench shows.
      lines.push(`    ${name} = ${JSON.stringify(spec.default)}  ${spec.label.zh}${spec.unit ? `（${spec.unit.zh}）` : ''}  (${spec.type}; ${spec.source})`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
