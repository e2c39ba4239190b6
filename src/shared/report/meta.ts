// The report's machine-readable statement: an XMP description (with the PDF/A extension
// schema that PDF/A requires for a custom namespace) that verifyReport reads back and
// compares with the attached findings.json.

import type { Conclusion, Status } from '../engine/types.js';
import type { Counts, ReportMeta } from './types.js';

export const REPORT_XMP_NS = 'urn:x-compliance-desk:report:1/';
export const REPORT_XMP_PREFIX = 'cdr';

const COUNT_KEYS: readonly Status[] = ['pass', 'fail', 'needs_review', 'not_applicable', 'insufficient_evidence'];
const CONCLUSIONS: readonly Conclusion[] = ['compliant', 'basically_compliant', 'non_compliant'];

/** pass=30;fail=3;needs_review=2;not_applicable=1;insufficient_evidence=0;conclusion=non_compliant */
export function summaryLine(c: Counts): string {
  return [...COUNT_KEYS.map((k) => `${k}=${c[k]}`), `conclusion=${c.conclusion}`].join(';');
}

export function parseSummaryLine(text: string): Counts | null {
  const map = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const out: Partial<Counts> = {};
  for (const k of COUNT_KEYS) {
    const v = map.get(k);
    if (v === undefined || !/^\d+$/.test(v)) return null;
    out[k] = Number(v);
  }
  const conclusion = map.get('conclusion') as Conclusion | undefined;
  if (!conclusion || !CONCLUSIONS.includes(conclusion)) return null;
  out.conclusion = conclusion;
  return out as Counts;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function xmlUnescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const PROPERTIES: { name: string; description: string; value: (m: ReportMeta) => string }[] = [
  { name: 'reportId', description: 'Report number', value: (m) => m.reportId },
  { name: 'reportDate', description: 'Report date (YYYY-MM-DD)', value: (m) => m.reportDate },
  { name: 'operatorId', description: 'Operator id', value: (m) => m.operatorId ?? '' },
  { name: 'operatorName', description: 'Operator name', value: (m) => m.operatorName ?? '' },
  { name: 'period', description: 'Review period START..END', value: (m) => `${m.periodStart}..${m.periodEnd}` },
  { name: 'rulePack', description: 'Rule pack id@version', value: (m) => `${m.packId}@${m.packVersion}` },
  { name: 'toolSummary', description: 'Rule counts by status as in the attached findings.json', value: (m) => summaryLine(m.toolSummary) },
  { name: 'finalSummary', description: 'Rule counts after the reviewer decisions and waivers', value: (m) => summaryLine(m.finalSummary) },
  { name: 'findingsSha256', description: 'SHA-256 of the attached findings.json', value: (m) => m.findingsSha256 ?? '' },
];

/** rdf:Description elements to append inside the document's XMP rdf:RDF. */
export function reportXmp(meta: ReportMeta): string {
  const p = REPORT_XMP_PREFIX;
  const schema = PROPERTIES.map((prop) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${prop.name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${xmlEscape(prop.description)}</pdfaProperty:description>
            </rdf:li>`).join('');
  const values = PROPERTIES.map((prop) => `
        <${p}:${prop.name}>${xmlEscape(prop.value(meta))}</${p}:${prop.name}>`).join('');
  return `
    <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Compliance Desk assessment report</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${REPORT_XMP_NS}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>${p}</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>${schema}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:${p}="${REPORT_XMP_NS}">${values}
    </rdf:Description>`;
}

export interface ReadMeta {
  reportId?: string;
  reportDate?: string;
  operatorId?: string;
  operatorName?: string;
  period?: string;
  rulePack?: string;
  toolSummary: Counts | null;
  finalSummary: Counts | null;
  findingsSha256?: string;
}

/** The report fields of an XMP packet; null when the packet has none. */
export function readReportXmp(xml: string): ReadMeta | null {
  if (!xml.includes(REPORT_XMP_NS)) return null;
  const fields: Record<string, string> = {};
  const re = new RegExp(`<${REPORT_XMP_PREFIX}:(\\w+)>([^<]*)</${REPORT_XMP_PREFIX}:\\1>`, 'g');
  for (const m of xml.matchAll(re)) fields[m[1]] = xmlUnescape(m[2]);
  return {
    reportId: fields.reportId,
    reportDate: fields.reportDate,
    operatorId: fields.operatorId,
    operatorName: fields.operatorName,
    period: fields.period,
    rulePack: fields.rulePack,
    toolSummary: fields.toolSummary ? parseSummaryLine(fields.toolSummary) : null,
    finalSummary: fields.finalSummary ? parseSummaryLine(fields.finalSummary) : null,
    findingsSha256: fields.findingsSha256 || undefined,
  };
}
