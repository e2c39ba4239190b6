// 导入原始导出: a platform's own exports into a bundle, for an operator or an evaluator who
// received raw exports. Main reads the export and suggests a mapping; here each source's
// columns, words and time formats are fixed in place, its first rows shown before and after
// the mapping side by side; a dry run reports what the bundle would receive; the mapping is
// saved for next year; the import makes the bundle and the case is created from it.

import { useMemo, useState, type FormEvent } from 'react';
import { mapRow, matchesGlob, TARGET_FIELDS, targetKind, type Mapping, type SourceSpec } from '../../shared/import/mapping.js';
import type { ImportReport } from '../../shared/import/report.js';
import type { ImportSample } from '../../shared/ipc/contract.js';
import { unsureText, type UnsureItem } from '../../shared/import/suggest.js';
import { evidenceFields } from '../../shared/engine/evidence-fields.js';
import { NAMES, nameOf, type NameTable } from '../../shared/names.js';
import { unwrap } from '../bridge.js';
import { DateField } from '../components/DateField.js';
import { typedDate } from '../model/format.js';
import { useT } from '../i18n/useT.js';
import { useDeps, useDesk } from '../store/index.js';

interface Suggested {
  importId: string;
  rawName: string;
  unsure: UnsureItem[];
  samples: ImportSample[];
}

/** The log fields whose bundle values have names: chosen by name, not typed as words of code. */
const VALUE_NAMES: Record<string, NameTable> = { action: 'action', result: 'result', channel: 'channel', resource_type: 'resourceType' };

function ValueInput({ field, value, onChange, testId, label }: { field: string; value: string; onChange(v: string): void; testId: string; label?: string }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const table = VALUE_NAMES[field];
  if (!table) return <input aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{t('import.choose')}</option>
      {Object.keys(NAMES[table]).map((v) => <option key={v} value={v}>{nameOf(table, v, lang)}</option>)}
    </select>
  );
}

const PREVIEW_ROWS = 3;

/** A long value (a hash) cut for the preview; its title holds it whole. */
function cutText(v: string): string {
  return v.length > 24 ? `${v.slice(0, 22)}…` : v;
}

/** Mapped fields as an evidence item holds them: lists joined. */
function flat(fields: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]));
}

/** A bundle field by its name for people, in the target's kind of file. */
function fieldLabel(kind: string, f: string, lang: 'zh' | 'en'): string {
  return nameOf(kind === 'logs' ? 'logField' : 'field', f, lang);
}

/** The mapping as typed, parsed; null while its text is no JSON. */
function parsed(text: string): Mapping | null {
  try {
    const v = JSON.parse(text) as Mapping;
    return v && Array.isArray(v.sources) ? v : null;
  } catch {
    return null;
  }
}

const sampleOf = (samples: ImportSample[], s: SourceSpec) =>
  samples.find((x) => matchesGlob(s.match, x.file) && (s.sheet === undefined || (x.sheet !== undefined && (x.sheet === s.sheet || matchesGlob(String(s.sheet), x.sheet)))));

function SourceEditor({ spec, sample, timezone, onChange }: { spec: SourceSpec; sample: ImportSample | undefined; timezone: string; onChange(s: SourceSpec): void }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const kind = targetKind(spec.target) ?? 'logs';
  const label = (f: string) => fieldLabel(kind, f, lang);
  const columns = spec.columns ?? {};
  const setColumn = (field: string, column: string) => {
    const next = { ...columns };
    if (column) next[field] = column;
    else delete next[field];
    onChange({ ...spec, columns: next });
  };
  const setWord = (field: string, word: string, value: string) => {
    const vm = spec.values?.[field] ?? { map: {}, otherwise: 'warn' };
    onChange({ ...spec, values: { ...spec.values, [field]: { ...vm, map: { ...vm.map, [word]: value } } } });
  };
  const setFormats = (field: string, text: string) => {
    const formats = text.split(/[,，]/).map((x) => x.trim()).filter(Boolean);
    const times = { ...spec.times };
    if (formats.length) times[field] = { ...times[field], formats };
    else delete times[field];
    onChange({ ...spec, times });
  };
  // Three rows side by side, each as written and as mapped, one field per line.
  const rows = (sample?.rows ?? []).slice(0, PREVIEW_ROWS);
  const mapped = rows.map((r, i) => mapRow(spec, { cells: r, row: i + 2, columnsFixed: true, ...(sample?.sheet ? { sheet: sample.sheet } : {}) }, timezone));
  // Values as the review names them (操作 交付, 时间 2026-03-01 09:15:00): the evidence's own wording.
  const named = mapped.map((m, i) => new Map(evidenceFields({ file: spec.target.replace('{file}', 'x').replace('{sheet}', 'x'), line: i + 1, fields: flat(m.fields) }, lang).map((x) => [x.key, x.value])));
  const shown = Object.keys(columns);
  return (
    <div className="import-source" data-testid="import-source" data-match={spec.match}>
      <table className="plain-table small" data-testid="import-columns">
        <caption>{t('import.columns')}</caption>
        <thead><tr><th scope="col">{t('import.field')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.times')}</th></tr></thead>
        <tbody>
          {TARGET_FIELDS[kind].map((f) => (
            <tr key={f} data-field={f}>
              <th scope="row">{label(f)}</th>
              <td>
                <select aria-label={t('import.columnOf', { field: label(f) })} value={columns[f] ?? ''} onChange={(e) => setColumn(f, e.target.value)} data-testid={`column-${f}`}>
                  <option value="">{t('import.none')}</option>
                  {(sample?.columns ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </td>
              <td>
                {(/(^ts$|_at$|^date$|^contract_)/.test(f)) && (
                  <input aria-label={t('import.formatsOf', { field: label(f) })} className="mono" value={(spec.times?.[f]?.formats ?? []).join(', ')} onChange={(e) => setFormats(f, e.target.value)} placeholder="YYYY年M月D日 H:mm:ss" data-testid={`formats-${f}`} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(spec.values ?? {}).map(([field, vm]) => (
        <fieldset key={field} className="import-values" data-testid={`values-${field}`}>
          <legend>{t('import.valuesOf', { field: label(field) })}</legend>
          {Object.entries(vm.map).map(([word, value]) => (
            <label key={word} className="import-word">
              <span>{word} →</span>
              <ValueInput field={field} value={value} onChange={(v) => setWord(field, word, v)} testId={`value-${field}-${word}`} />
            </label>
          ))}
        </fieldset>
      ))}
      <div className="import-preview" data-testid="import-preview" role="region" aria-label={t('import.previewOf', { source: spec.match })} tabIndex={0}>
        <table className="plain-table small" data-testid="import-after">
          <caption>{t('import.preview')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.field')}</th>
              {mapped.map((_, i) => [
                <th key={`b${i}`} scope="col">{t('import.rowBefore', { n: rows[i] ? i + 1 : '' })}</th>,
                <th key={`a${i}`} scope="col">{t('import.rowAfter', { n: i + 1 })}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
              <tr key={f}>
                <th scope="row">{label(f)}<span className="muted small"> ← {columns[f]}</span></th>
                {mapped.map((m, i) => {
                  const bad = m.problems.some((p) => p.field === f);
                  const before = rows[i][columns[f]] ?? '';
                  return [
                    <td key={`b${i}`} className="import-before" title={before}>{cutText(before)}</td>,
                    <td key={`a${i}`} className={bad ? 'tone-text-fail' : undefined} data-bad={bad || undefined} data-value={String(m.fields[f] ?? '')}>{cutText(named[i].get(f) ?? '')}</td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ReportView({ report, mapping, onAddWord }: { report: ImportReport; mapping: Mapping; onAddWord(match: string, field: string, word: string, value: string): void }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const [words, setWords] = useState<Record<string, string>>({});
  const kindOf = (match: string) => targetKind(mapping.sources.find((x) => x.match === match)?.target ?? '') ?? 'logs';
  const fileProblems = report.problems.filter((p) => !p.field);
  const fixes = report.sources.flatMap((s) => Object.entries(s.fields).map(([field, f]) => ({ s, field, f, label: fieldLabel(kindOf(s.match), field, lang) })));
  return (
    <div data-testid="import-report">
      <table className="plain-table small">
        <thead><tr><th scope="col">{t('import.source')}</th><th scope="col">{t('import.read')}</th><th scope="col">{t('import.filtered')}</th><th scope="col">{t('import.mapped')}</th><th scope="col">{t('import.gets')}</th></tr></thead>
        <tbody>{report.sources.map((s) => (
          <tr key={`${s.file}|${String(s.sheet ?? '')}|${s.match}`} data-file={s.file}>
            <td>{s.file}{s.sheet !== undefined ? `（${String(s.sheet)}）` : ''}</td>
            <td className="num">{s.rowsRead}</td><td className="num">{s.rowsFiltered}</td><td className="num" data-testid="rows-mapped">{s.rowsMapped}</td>
            <td>{Object.entries(s.targets).map(([k, n]) => t('import.rows', { file: k, n })).join('，')}</td>
          </tr>
        ))}</tbody>
      </table>
      <ul className="problems" data-testid="import-fixes">
        {fixes.flatMap(({ s, field, f, label }) => [
          ...(f.missingColumn ? [<li key={`${s.file}${field}m`}>{t('import.missing', { file: s.file, field: label, column: f.missingColumn })}</li>] : []),
          ...(f.badTimes.count ? [<li key={`${s.file}${field}t`}>{t('import.badTimes', { file: s.file, field: label, n: f.badTimes.count, row: f.badTimes.first[0]?.row ?? '—', value: f.badTimes.first[0]?.value ?? '' })}</li>] : []),
          ...Object.entries(f.unmapped).map(([word, u]) => {
            const key = `${s.match}|${field}|${word}`;
            return (
              <li key={key} data-testid="import-unmapped" data-word={word}>
                {t('import.unmapped', { file: s.file, field: label, value: word, n: u.count, row: u.firstRow })}{' '}
                <ValueInput field={field} label={t('import.mapWord', { value: word })} value={words[key] ?? ''} onChange={(v) => setWords((w) => ({ ...w, [key]: v }))} testId={`add-${field}-${word}`} />
                <button type="button" disabled={!(words[key] ?? '').trim()} onClick={() => onAddWord(s.match, field, word, words[key].trim())}>{t('import.addWord')}</button>
              </li>
            );
          }),
        ])}
        {fileProblems.map((p, i) => <li key={`p${i}`}>{p.file}{p.sheet ? `（${p.sheet}）` : ''}{p.row !== null ? t('import.row', { n: p.row }) : ''}：{p.message}</li>)}
      </ul>
      {report.problems.length === 0 && report.unmatched.length === 0 && <p className="ok-text small" data-testid="import-clean">{t('import.clean')}</p>}
      {report.unmatched.map((m) => <p key={m} className="small tone-text-review">{t('import.unmatched', { match: m })}</p>)}
    </div>
  );
}

/** The kind of file a suggested source (named as unsure items name it) feeds. */
function targetKindOf(mapping: Mapping | null, where: string): string {
  const src = mapping?.sources.find((x) => `${x.match}${x.sheet !== undefined ? `（${String(x.sheet)}）` : ''}` === where);
  return targetKind(src?.target ?? '') ?? 'logs';
}

export function ImportScreen() {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const { api, transport } = useDeps();
  const notify = useDesk((s) => s.notify);
  const navigate = useDesk((s) => s.navigate);
  const startReview = useDesk((s) => s.startReview);
  const [path, setPath] = useState('');
  const [suggested, setSuggested] = useState<Suggested | null>(null);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState(0);
  const [report, setReport] = useState<{ report: ImportReport; text: string } | null>(null);
  const [busy, setBusy] = useState<null | 'suggest' | 'check' | 'run'>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const mapping = useMemo(() => parsed(text), [text]);
  const guard = async (what: NonNullable<typeof busy>, f: () => Promise<void>) => {
    setBusy(what);
    try {
      await f();
    } catch (e) {
      notify('error', (e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const suggest = (kind: 'folder' | 'zip', typed?: string) => guard('suggest', async () => {
    const r = await unwrap(api.suggestImport({ kind, ...(typed ? { path: typed } : {}) }));
    if (r.outcome !== 'suggested') return;
    setSuggested({ importId: r.importId, rawName: r.rawName, unsure: r.unsure, samples: r.samples });
    setText(r.mapping);
    setPicked(0);
    setReport(null);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = path.trim();
    if (typed) void suggest(/\.zip$/i.test(typed) ? 'zip' : 'folder', typed);
  };
  const check = () => guard('check', async () => {
    const r = await unwrap(api.checkImport({ importId: suggested!.importId, mapping: text }));
    setReport({ report: r.report, text });
  });
  const save = () => guard('check', async () => {
    const r = await unwrap(api.saveMapping({ mapping: text }));
    if (r.saved) setSaved(r.path ?? null);
  });
  const run = () => guard('run', async () => {
    const r = await unwrap(api.runImport({ importId: suggested!.importId, mapping: text }));
    notify('info', t('import.done', { name: r.bundleName }));
    navigate({ screen: 'cases' });
    void startReview({ kind: 'folder', importedId: r.importedId });
  });
  const setSource = (i: number, s: SourceSpec) => {
    if (!mapping) return;
    const sources = mapping.sources.map((x, j) => (j === i ? s : x));
    setText(JSON.stringify({ ...mapping, sources }, null, 2));
  };
  const spec = mapping?.sources[picked];
  /** A word the dry run found unmapped, mapped in every source of that pattern. */
  const addWord = (match: string, field: string, word: string, value: string) => {
    if (!mapping) return;
    const sources = mapping.sources.map((x) => {
      if (x.match !== match) return x;
      const vm = x.values?.[field] ?? { map: {}, otherwise: 'warn' };
      return { ...x, values: { ...x.values, [field]: { ...vm, map: { ...vm.map, [word]: value } } } };
    });
    setText(JSON.stringify({ ...mapping, sources }, null, 2));
  };
  const setManifest = (manifest: Mapping['manifest']) => {
    if (mapping) setText(JSON.stringify({ ...mapping, manifest }, null, 2));
  };
  // The period goes into the mapping as typed; the import refuses it until both ends are dates.
  const setPeriod = (end: 'start' | 'end', v: string) => {
    const day = typedDate(v) ?? v;
    const period = { start: mapping?.manifest?.period?.start ?? '', end: mapping?.manifest?.period?.end ?? '', [end]: day };
    setManifest({ ...mapping?.manifest, period });
  };

  return (
    <div className="import-screen" data-testid="import-screen">
      <h1 className="page-title">{t('import.heading')}</h1>
      <section className="card" aria-labelledby="imp-raw">
        <h2 id="imp-raw">{t('import.raw')}</h2>
        <p className="muted small">{t('import.rawHint')}</p>
        {transport === 'loopback' ? (
          <form className="field-row" onSubmit={submit}>
            <div className="field grow"><label htmlFor="imp-path">{t('import.path')}</label><input id="imp-path" className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="import-path" /></div>
            <div className="field end"><button type="submit" className="primary" disabled={!path.trim() || busy !== null} data-testid="import-suggest">{t('import.suggest')}</button></div>
          </form>
        ) : (
          <div className="inline">
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void suggest('folder')} data-testid="import-suggest">{t('import.pickFolder')}</button>
            <button type="button" disabled={busy !== null} onClick={() => void suggest('zip')}>{t('import.pickZip')}</button>
          </div>
        )}
        {busy === 'suggest' && <p aria-busy="true" className="small">{t('import.reading')}</p>}
      </section>

      {suggested && (
        <>
          <section className="card" aria-labelledby="imp-map">
            <h2 id="imp-map">{t('import.mapping', { name: suggested.rawName })}</h2>
            {suggested.unsure.length > 0 && (
              <details className="notice-box" data-testid="import-unsure">
                <summary>{t('import.unsure', { n: suggested.unsure.length })}</summary>
                <ul className="small">{suggested.unsure.map((u, i) => <li key={i}>{unsureText(u, (f) => fieldLabel(u.kind === 'column' || u.kind === 'time' || u.kind === 'value' ? targetKindOf(mapping, u.where) : 'logs', f, lang))}</li>)}</ul>
              </details>
            )}
            {!mapping && <p role="alert" className="error small">{t('import.badJson')}</p>}
            {mapping && (
              <>
                <div className="field-row top" data-testid="import-manifest">
                  <div className="field">
                    <label htmlFor="imp-start">{t('import.periodStart')}</label>
                    <DateField id="imp-start" value={mapping.manifest?.period?.start ?? ''} onChange={(v) => setPeriod('start', v)} testId="import-start" />
                  </div>
                  <div className="field">
                    <label htmlFor="imp-end">{t('import.periodEnd')}</label>
                    <DateField id="imp-end" value={mapping.manifest?.period?.end ?? ''} onChange={(v) => setPeriod('end', v)} testId="import-end" />
                  </div>
                  <div className="field grow">
                    <label htmlFor="imp-operator">{t('import.operator')}</label>
                    <input id="imp-operator" className="mono" value={mapping.manifest?.operator_id ?? ''} onChange={(e) => setManifest({ ...mapping.manifest, operator_id: e.target.value.trim() || undefined })} data-testid="import-operator" />
                  </div>
                </div>
                <div className="field">
                  <label htmlFor="imp-source">{t('import.source')}</label>
                  <select id="imp-source" value={picked} onChange={(e) => setPicked(Number(e.target.value))} data-testid="import-source-pick">
                    {mapping.sources.map((s, i) => <option key={i} value={i}>{`${s.match}${s.sheet !== undefined ? `（${String(s.sheet)}）` : ''} → ${s.target}`}</option>)}
                  </select>
                </div>
                {spec && <SourceEditor spec={spec} sample={sampleOf(suggested.samples, spec)} timezone={mapping.timezone ?? 'Asia/Shanghai'} onChange={(s) => setSource(picked, s)} />}
              </>
            )}
            <details>
              <summary>{t('import.json')}</summary>
              <textarea data-raw className="mono import-json" rows={16} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('import.json')} spellCheck={false} data-testid="import-json" />
            </details>
          </section>

          <section className="card" aria-labelledby="imp-check">
            <h2 id="imp-check">{t('import.check')}</h2>
            <div className="inline">
              <button type="button" disabled={!mapping || busy !== null} onClick={() => void check()} data-testid="import-check">{t('import.runCheck')}</button>
              <button type="button" disabled={!mapping || busy !== null} onClick={() => void save()} data-testid="import-save">{t('import.save')}</button>
              <button type="button" className="primary" disabled={!mapping || busy !== null} onClick={() => void run()} data-testid="import-run">{t('import.run')}</button>
            </div>
            {busy === 'check' && <p aria-busy="true" className="small">{t('import.checking')}</p>}
            {busy === 'run' && <p aria-busy="true" className="small">{t('import.importing')}</p>}
            {saved && <p className="small" data-testid="import-saved">{t('import.saved', { path: saved })}</p>}
            {report && report.text !== text && <p className="muted small" data-testid="import-stale">{t('import.stale')}</p>}
            {report && mapping && <ReportView report={report.report} mapping={mapping} onAddWord={addWord} />}
          </section>
        </>
      )}
    </div>
  );
}
