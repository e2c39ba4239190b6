import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../../main/services/engine/run-review.js';
import type { Findings } from '../engine/assess.js';
import { DEFAULT_PACK_ID, packById } from '../rules/packs.js';
import { appendLogEntry } from '../review/log.js';
import { decision, makeFindings } from '../review/testing.js';
import { AP_FILE, assessmentPlan, oscalUuid, toOscal, utf8Base64 } from './oscal.js';
import { OSCAL_SCHEMA, SAMPLE_NAMES, sampleBundle } from '../../../test/fixtures.js';

const SCHEMA_PATH = OSCAL_SCHEMA;

// The NIST schema names formats that ajv leaves to plugins; these follow RFC 3339 / 3986.
function addFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/.test(s));
  ajv.addFormat('uri-reference', (s: string) => /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(s));
  ajv.addFormat('email', (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
}

let validateAr: ValidateFunction;
let validateAp: ValidateFunction;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { definitions: Record<string, unknown> };
  // Patterns use \p{L}: Unicode regular expressions (ajv's default, stated for clarity).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats(ajv);
  validateAr = ajv.compile(schema);
  // No AP schema ships with the project: check the plan with the AR schema's own
  // definitions of the assemblies an assessment plan is made of.
  const d = (name: string) => ({ $ref: `#/definitions/${name}` });
  validateAp = ajv.compile({
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions: schema.definitions,
    type: 'object',
    required: ['assessment-plan'],
    additionalProperties: false,
    properties: {
      'assessment-plan': {
        type: 'object',
        required: ['uuid', 'metadata', 'import-ssp', 'reviewed-controls'],
        additionalProperties: false,
        properties: {
          uuid: d('UUIDDatatype'),
          metadata: d('oscal-ar-oscal-metadata:metadata'),
          'import-ssp': d('oscal-ar-oscal-assessment-common:import-ssp'),
          'local-definitions': {
            type: 'object',
            additionalProperties: false,
            properties: {
              'objectives-and-methods': { type: 'array', minItems: 1, items: d('oscal-ar-oscal-assessment-common:local-objective') },
              activities: { type: 'array', minItems: 1, items: d('oscal-ar-oscal-assessment-common:activity') },
            },
          },
          'reviewed-controls': d('oscal-ar-oscal-assessment-common:reviewed-controls'),
          'back-matter': d('oscal-ar-oscal-metadata:back-matter'),
        },
      },
    },
  });
});

function errors(v: ValidateFunction): string {
  return (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}

function expectValid(doc: unknown, v: () => ValidateFunction = () => validateAr): void {
  const ok = v()(doc);
  expect(ok, errors(v())).toBe(true);
}

type Json = Record<string, any>;
const ar = (doc: Json) => doc['assessment-results'] as Json;
const result = (doc: Json) => ar(doc).results[0] as Json;
const propOf = (o: Json, name: string) => (o.props ?? []).find((p: Json) => p.name === name)?.value;

function allUuids(o: unknown, out: string[] = []): string[] {
  if (Array.isArray(o)) o.forEach((x) => allUuids(x, out));
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'uuid' && typeof v === 'string') out.push(v);
      else allUuids(v, out);
    }
  }
  return out;
}

describe('OSCAL assessment results', () => {
  const pack = packById(DEFAULT_PACK_ID);
  const findings = makeFindings();
  const hashes = { 'logs/2026-03.csv': 'c'.repeat(64), 'datasets.csv': 'd'.repeat(64) };

  it('validates against the NIST schema, with and without decisions', () => {
    expectValid(toOscal(findings, { pack }).assessmentResults);
    let log = appendLogEntry([], { at: '2027-01-07T09:00:00+08:00', who: '审查员甲', action: 'case_open' });
    log = appendLogEntry(log, { at: '2027-01-07T09:05:00+08:00', who: '审查员甲', action: 'decision_add', ruleId: 'JZ-12-02', after: { status: 'pass' } });
    const docs = toOscal(findings, {
      pack, reviewer: '审查员甲', fileHashes: hashes, reportSha256: 'e'.repeat(64), log,
      decisions: [
        decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '集中度有合理解释\n（见说明）' }),
        decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下交付渠道', deadline: '2027-03-31' }),
        decision({ ruleId: '*', kind: 'comment', reason: '总体意见', reviewer: '审查员乙' }),
      ],
    });
    expectValid(docs.assessmentResults);
    expectValid(docs.assessmentPlan, () => validateAp);
  });

  it('the validators refuse broken documents (the checks can fail)', () => {
    const docs = toOscal(findings, { pack });
    const brokenAr = JSON.parse(docs.arText);
    brokenAr['assessment-results'].results[0].findings[0].target.status.state = 'satisfied-ish';
    expect(validateAr(brokenAr)).toBe(false);
    const noTitle = JSON.parse(docs.arText);
    noTitle['assessment-results'].results[0].observations[0].title = 'two\nlines';
    expect(validateAr(noTitle)).toBe(false);
    const badUuid = JSON.parse(docs.arText);
    badUuid['assessment-results'].uuid = '00000000-0000-1000-8000-000000000000';
    expect(validateAr(badUuid)).toBe(false);
    const badDate = JSON.parse(docs.arText);
    badDate['assessment-results'].results[0].start = '2026-01-01T00:00:00';
    expect(validateAr(badDate)).toBe(false);
    const brokenAp = JSON.parse(docs.apText);
    delete brokenAp['assessment-plan']['import-ssp'];
    expect(validateAp(brokenAp)).toBe(false);
    const badObjective = JSON.parse(docs.apText);
    badObjective['assessment-plan']['local-definitions']['objectives-and-methods'][0].parts = [];
    expect(validateAp(badObjective)).toBe(false);
  });

  it('has one observation and one finding per rule, targeting the article', () => {
    const doc = toOscal(findings, { pack }).assessmentResults as Json;
    const res = result(doc);
    expect(res.observations).toHaveLength(findings.results.length);
    expect(res.findings).toHaveLength(findings.results.length);
    const byRule = Object.fromEntries(res.findings.map((f: Json) => [propOf(f, 'rule-id'), f]));
    expect(byRule['JZ-06-01'].target).toMatchObject({ type: 'statement-id', 'target-id': 'art-6_smt', status: { state: 'not-satisfied', reason: 'fail' } });
    expect(byRule['JZ-07-01'].target.status).toMatchObject({ state: 'satisfied', reason: 'pass' });
    expect(byRule['JZ-12-02'].target.status).toMatchObject({ state: 'not-satisfied', reason: 'other' });
    expect(byRule['JZ-13-01'].target.status.state).toBe('not-satisfied');
    expect(byRule['JZ-24-01'].target).toMatchObject({ status: { state: 'satisfied' }, 'implementation-status': { state: 'not-applicable' } });
    const controls = res['reviewed-controls']['control-selections'][0]['include-controls'].map((c: Json) => c['control-id']);
    expect(controls).toEqual(['art-6', 'art-7', 'art-12', 'art-13', 'art-14', 'art-24']);
    const objectives = res['reviewed-controls']['control-objective-selections'][0]['include-objectives'].map((o: Json) => o['objective-id']);
    expect(objectives).toEqual(findings.results.map((r) => r.ruleId));
  });

  it('gives evidence as file, line and the file\'s SHA-256', () => {
    const doc = toOscal(findings, { pack, fileHashes: hashes }).assessmentResults as Json;
    const obs = result(doc).observations.find((o: Json) => propOf(o, 'rule-id') === 'JZ-06-01');
    expect(obs['relevant-evidence']).toHaveLength(2);
    const ev = obs['relevant-evidence'][0];
    expect(propOf(ev, 'file')).toBe('logs/2026-03.csv');
    expect(propOf(ev, 'line')).toBe('419');
    expect(propOf(ev, 'event-id')).toBe('E00002168');
    expect(propOf(ev, 'file-sha256')).toBe('c'.repeat(64));
    const res = ar(doc)['back-matter'].resources.find((r: Json) => `#${r.uuid}` === ev.href);
    expect(res.rlinks[0]).toEqual({ href: 'logs/2026-03.csv', hashes: [{ algorithm: 'SHA-256', value: 'c'.repeat(64) }] });
    // The second evidence file has no known hash: no hash is made up.
    const ev2 = obs['relevant-evidence'][1];
    expect(propOf(ev2, 'file-sha256')).toBeUndefined();
    expect(result(doc).observations.find((o: Json) => propOf(o, 'rule-id') === 'JZ-07-01')['relevant-evidence']).toBeUndefined();
  });

  it('has a risk with a deadline for every failure, from the reviewer, the waiver or the default', () => {
    const plain = result(toOscal(findings, { pack }).assessmentResults as Json);
    expect(plain.risks.map((r: Json) => propOf(r, 'rule-id'))).toEqual(['JZ-06-01', 'JZ-14-01']);
    const [open, waived] = plain.risks;
    expect(open.status).toBe('open');
    expect(open.deadline).toBe('2027-04-06T23:59:59+08:00'); // 2027-01-06 + 90 days
    expect(waived.status).toBe('deviation-approved');
    expect(waived.deadline).toBe('2027-06-30T23:59:59+08:00');

    const decided = result(toOscal(findings, {
      pack,
      decisions: [
        decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下交付渠道', deadline: '2027-03-31' }),
        decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', reason: '集中度过高' }),
      ],
    }).assessmentResults as Json);
    const risk = decided.risks.find((r: Json) => propOf(r, 'rule-id') === 'JZ-06-01');
    expect(risk.status).toBe('remediating');
    expect(risk.deadline).toBe('2027-03-31T23:59:59+08:00');
    expect(risk.remediations[0].description).toBe('关闭线下交付渠道');
    // A judgment to fail makes a finding not satisfied with a risk, originated by the reviewer.
    const judged = decided.findings.find((f: Json) => propOf(f, 'rule-id') === 'JZ-12-02');
    expect(judged.target.status).toMatchObject({ state: 'not-satisfied', reason: 'fail' });
    expect(judged['related-risks']).toHaveLength(1);
    expect(judged.origins.map((o: Json) => o.actors[0].type)).toEqual(['tool', 'party']);
    expect(propOf(decided, 'conclusion')).toBe('non_compliant');
  });

  it('records reviewer decisions as attestations and parties as operator and reviewers', () => {
    const doc = toOscal(findings, {
      pack, reviewer: '审查员甲',
      decisions: [
        decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '有合理解释' }),
        decision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', expires: '2027-02-01', reviewer: '审查员乙', approvalDoc: '锦数〔2027〕1号' }),
      ],
    }).assessmentResults as Json;
    const meta = ar(doc).metadata;
    expect(meta.parties.map((p: Json) => [p.type, p.name])).toEqual([
      ['organization', '锦州数据运营有限公司'], ['person', '审查员甲'], ['person', '审查员乙'],
    ]);
    const att = result(doc).attestations;
    expect(att).toHaveLength(2);
    const first = att[0];
    expect(first['responsible-parties'][0]['party-uuids'][0]).toBe(meta.parties[1].uuid);
    const parts = first.parts.filter((p: Json) => p.name === 'decision');
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ class: 'judgment', prose: '有合理解释' });
    expect(propOf(parts[0], 'status')).toBe('pass');
    const waiverPart = att[1].parts.find((p: Json) => p.name === 'decision');
    expect(propOf(waiverPart, 'approval-doc')).toBe('锦数〔2027〕1号');
    // The waiver decision is in force on 2027-01-06, so the failure is a deviation.
    const risk = result(doc).risks.find((r: Json) => propOf(r, 'rule-id') === 'JZ-06-01');
    expect(risk.status).toBe('deviation-approved');
  });

  it('imports the plan derived from the rule pack, embedded and hashed', () => {
    const docs = toOscal(findings, { pack });
    const href = ar(docs.assessmentResults as Json)['import-ap'].href as string;
    const res = ar(docs.assessmentResults as Json)['back-matter'].resources.find((r: Json) => `#${r.uuid}` === href);
    expect(res.rlinks[0].href).toBe(AP_FILE);
    expect(res.base64.value).toBe(utf8Base64(docs.apText));
    const plan = (docs.assessmentPlan as Json)['assessment-plan'];
    const objectives = plan['local-definitions']['objectives-and-methods'];
    expect(objectives).toHaveLength(pack.rules.length);
    const o = objectives.find((x: Json) => x.parts[0].id === 'JZ-10-02');
    expect(o['control-id']).toBe('art-10');
    expect(o.description).toContain(pack.rules.find((r) => r.meta.id === 'JZ-10-02')!.meta.articleText.slice(0, 20));
  });

  it('is deterministic: same input, same bytes; UUIDs unique and well-formed', () => {
    const a = toOscal(findings, { pack, reviewer: '甲', fileHashes: hashes });
    const b = toOscal(JSON.parse(JSON.stringify(findings)), { pack, reviewer: '甲', fileHashes: { ...hashes } });
    expect(b.arText).toBe(a.arText);
    expect(b.apText).toBe(a.apText);
    const uuids = allUuids(a.assessmentResults);
    // Parties and files recur by reference only: every uuid member is defined once.
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const later = toOscal({ ...findings, generatedAt: '2027-01-07T09:00:00+08:00' }, { pack, reviewer: '甲', fileHashes: hashes });
    expect(ar(later.assessmentResults as Json).uuid).not.toBe(ar(a.assessmentResults as Json).uuid);
    // The operator is the same party in both.
    expect(ar(later.assessmentResults as Json).metadata.parties[0].uuid).toBe(ar(a.assessmentResults as Json).metadata.parties[0].uuid);
  });

  it('makes version-5 shaped UUIDs from a hash of the parts', () => {
    expect(oscalUuid('a', 'b')).toBe(oscalUuid('a', 'b'));
    expect(oscalUuid('a', 'b')).not.toBe(oscalUuid('ab'));
    expect(oscalUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes UTF-8 base64 as Buffer does', () => {
    for (const s of ['', 'a', 'ab', 'abc', '锦政规〔2025〕4号', '😀x']) expect(utf8Base64(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
  });

  it('keeps titles single-line and drops control characters that the schema refuses', () => {
    const f = makeFindings();
    f.results[0] = { ...f.results[0], title: '多行\n标题\t', message: '说明\u0001文字' };
    f.bundle.operatorName = ' 名称\n换行 ';
    expectValid(toOscal(f, { pack }).assessmentResults);
  });

  it('stays valid for a rule pack this build does not know and for a run with no rules', () => {
    const other = makeFindings({ rulePack: { id: 'other-pack', version: '9.9.9' } });
    const docs = toOscal(other);
    expectValid(docs.assessmentResults);
    expectValid(docs.assessmentPlan, () => validateAp);
    const objectives = (docs.assessmentPlan as Json)['assessment-plan']['local-definitions']['objectives-and-methods'];
    expect(objectives.map((o: Json) => o.parts[0].id)).toEqual(other.results.map((r) => r.ruleId));
    const none = toOscal(makeFindings({ results: [] }), { pack });
    expectValid(none.assessmentResults);
    expect(result(none.assessmentResults as Json)['reviewed-controls']['control-selections'][0]['include-all']).toEqual({});
  });

  it('the plan validates and does not depend on the findings', () => {
    const p1 = assessmentPlan(pack, '2027-01-06T09:00:00+08:00', { name: 'compliance-desk', version: '0.1.0' });
    expectValid(p1, () => validateAp);
    const p2 = assessmentPlan(pack, '2027-02-01T09:00:00+08:00', { name: 'compliance-desk', version: '0.1.0' });
    expect((p2 as Json)['assessment-plan'].uuid).toBe((p1 as Json)['assessment-plan'].uuid);
  });
});

describe('OSCAL of the sample bundles', () => {
  const pack = packById(DEFAULT_PACK_ID);
  for (const name of SAMPLE_NAMES) {
    it(`validates for sample "${name}"`, async () => {
      const f: Findings = await runReview(sampleBundle(name), {
        pack, tool: { name: 'compliance-desk', version: 'test' }, workers: 0, now: new Date('2027-01-06T01:00:00Z'),
      });
      const docs = toOscal(f, { pack, reviewer: '审查员甲' });
      expectValid(docs.assessmentResults);
      expectValid(docs.assessmentPlan, () => validateAp);
      const res = result(docs.assessmentResults as Json);
      expect(res.findings).toHaveLength(f.results.length);
      expect(res.observations).toHaveLength(f.results.length);
      const fails = f.results.filter((r) => r.status === 'fail').length;
      expect(res.risks?.length ?? 0).toBe(fails);
      for (const r of res.risks ?? []) expect(r.deadline).toMatch(/T23:59:59/);
      const evidence = res.observations.reduce((n: number, o: Json) => n + (o['relevant-evidence']?.length ?? 0), 0);
      expect(evidence).toBe(f.results.reduce((n, r) => n + r.evidence.length, 0));
    });
  }
});
