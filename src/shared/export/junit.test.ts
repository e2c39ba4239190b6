import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeFindings } from '../review/testing.js';
import { toJunit } from './junit.js';

describe('JUnit export', () => {
  const f = makeFindings();
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'testcase' });

  it('parses as XML with one test case per rule', () => {
    const xml = parser.parse(toJunit(f));
    const suite = xml.testsuites.testsuite;
    const cases = suite.testcase as Record<string, any>[];
    expect(cases).toHaveLength(f.results.length);
    expect(cases.map((c) => c['@name'].split(' ')[0])).toEqual(f.results.map((r) => r.ruleId));
    expect(suite['@tests']).toBe(String(f.results.length));
    // One unwaived failure; needs_review, insufficient_evidence and the waived failure are skipped.
    expect(suite['@failures']).toBe('1');
    expect(suite['@skipped']).toBe('3');
    const by = Object.fromEntries(cases.map((c) => [c['@name'].split(' ')[0], c]));
    expect(by['JZ-06-01'].failure['@type']).toBe('high');
    expect(by['JZ-06-01'].failure['@message']).toBe(f.results[0].message);
    expect(by['JZ-12-02'].skipped['@message']).toContain('needs_review');
    expect(by['JZ-13-01'].skipped['@message']).toContain('insufficient_evidence');
    expect(by['JZ-14-01'].skipped['@message']).toContain('2027-06-30');
    expect(by['JZ-07-01'].failure).toBeUndefined();
    expect(by['JZ-07-01'].skipped).toBeUndefined();
  });

  it('escapes markup and control characters in messages', () => {
    const g = makeFindings();
    g.results[0] = { ...g.results[0], message: 'a < b & "c"\u0001' };
    const xml = parser.parse(toJunit(g));
    expect(xml.testsuites.testsuite.testcase[0].failure['@message']).toBe('a < b & "c"');
  });
});
