import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route.js';

describe('routes in the fragment', () => {
  it('round-trip', () => {
    const routes: Route[] = [
      { screen: 'cases' }, { screen: 'verify' }, { screen: 'settings' }, { screen: 'import' },
      { screen: 'case', caseId: 'c-AbC_9', tab: 'overview' },
      { screen: 'case', caseId: 'c-1', tab: 'findings', rule: 'JZ-06-01' },
      { screen: 'case', caseId: 'c-1', tab: 'incidents' },
      { screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'episodes' },
      { screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'around', incident: 'INC-2026-002' },
      { screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'around', incident: '事件 #3?a=b' },
      { screen: 'settings', back: { screen: 'case', caseId: 'c-1', tab: 'findings', rule: 'JZ-06-01' } },
      { screen: 'settings', back: { screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'around', incident: '事件 #3' } },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('falls back safely on anything else', () => {
    expect(parseRoute('')).toEqual({ screen: 'cases' });
    expect(parseRoute('#secret=abc')).toEqual({ screen: 'cases' });
    expect(parseRoute('#/case/..%2F..%2Fetc/findings')).toEqual({ screen: 'cases' });
    expect(parseRoute('#/case/c-1/nope')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'overview' });
    expect(parseRoute('#/case/c-1/findings/<script>')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'findings' });
    expect(parseRoute('#/case/c-1/findings/%E0%A4%A')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'findings' });
    expect(parseRoute('#/case/c-1/incidents/nope')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'incidents' });
    // An incident only with the logs view, and never a path or control characters.
    expect(parseRoute('#/case/c-1/incidents/timelines/INC-1')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'timelines' });
    expect(parseRoute('#/case/c-1/incidents/around/a%2Fb')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'around' });
    expect(parseRoute('#/case/c-1/incidents/around/a%0Ab')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'incidents', view: 'around' });
    // Settings come back only to a case, never to settings or anything else.
    expect(parseRoute('#/settings/from/%23%2Fsettings')).toEqual({ screen: 'settings' });
    expect(parseRoute('#/settings/from/%23%2Fverify')).toEqual({ screen: 'settings' });
    expect(parseRoute('#/settings/from/https%3A%2F%2Fexample.org')).toEqual({ screen: 'settings' });
    expect(parseRoute('#/settings/elsewhere')).toEqual({ screen: 'settings' });
    // A rule only with the findings tab.
    expect(parseRoute('#/case/c-1/decisions/JZ-06-01')).toEqual({ screen: 'case', caseId: 'c-1', tab: 'decisions' });
  });
});
