import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route.js';

describe('routes in the fragment', () => {
  it('round-trip', () => {
    const routes: Route[] = [
      { screen: 'cases' }, { screen: 'verify' }, { screen: 'settings' },
      { screen: 'case', caseId: 'c-AbC_9', tab: 'overview' },
      { screen: 'case', caseId: 'c-1', tab: 'findings', rule: 'JZ-06-01' },
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
  });
});
