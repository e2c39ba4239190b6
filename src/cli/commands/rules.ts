import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';

const SEVERITY_ZH = { high: '高', medium: '中', low: '低' } as const;

export function runRules(values: { json?: boolean }): number {
  const pack = packById(DEFAULT_PACK_ID);
  const rules = [...pack.rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  if (values.json) {
    const out = {
      rulePack: { id: pack.id, version: pack.version },
      rules: rules.map((r) => ({
        id: r.meta.id, article: r.meta.article, severity: r.meta.severity, title: r.meta.title, kind: r.kind,
        evidence: r.meta.evidence, params: r.meta.params, notes: r.meta.notes ?? null, articleText: r.meta.articleText,
      })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const lines = [`${pack.id} ${pack.version}: ${rules.length} rules`, ''];
  for (const r of rules) {
    lines.push(`${r.meta.id}  第${r.meta.article}条  ${r.meta.severity}(${SEVERITY_ZH[r.meta.severity]})  ${r.meta.title}`);
    for (const [name, spec] of Object.entries(r.meta.params)) {
      lines.push(`    ${name} = ${JSON.stringify(spec.default)}  (${spec.type}; ${spec.source})`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
