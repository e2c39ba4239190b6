// Where the reviewer is, kept in the address's fragment so a reload (or a crash and
// restart of the page) comes back to the same case, tab and rule.

export const CASE_TABS = ['overview', 'findings', 'incidents', 'decisions', 'compare', 'report'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/** The views of the incidents tab (事件核查): timelines, the logs around an incident, the episodes. */
export const INCIDENT_VIEWS = ['timelines', 'around', 'episodes'] as const;
export type IncidentView = (typeof INCIDENT_VIEWS)[number];

export type CaseRoute = { screen: 'case'; caseId: string; tab: CaseTab; rule?: string; view?: IncidentView; incident?: string };

/** Settings opened from a case (to fill in the reviewer, say) keep the place to come back to. */
export type Route = { screen: 'cases' } | CaseRoute | { screen: 'verify' } | { screen: 'settings'; back?: CaseRoute } | { screen: 'import' };

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const RULE_RE = /^[A-Z][A-Z0-9]{0,9}-\d{2}-\d{2}$/;
/** An incident id as incidents.json writes it: any text a path segment can carry, within the guard's bound. */
const INCIDENT_RE = /^[^\u0000-\u001f/]{1,200}$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  if (parts[0] === 'verify') return { screen: 'verify' };
  if (parts[0] === 'import') return { screen: 'import' };
  if (parts[0] === 'settings') {
    const back = parts[1] === 'from' && parts[2] ? parseRoute(parts[2]) : null;
    return back?.screen === 'case' ? { screen: 'settings', back } : { screen: 'settings' };
  }
  if (parts[0] === 'case' && parts[1] && ID_RE.test(parts[1])) {
    const tab = (CASE_TABS as readonly string[]).includes(parts[2]) ? (parts[2] as CaseTab) : 'overview';
    if (tab === 'incidents') {
      const view = (INCIDENT_VIEWS as readonly string[]).includes(parts[3]) ? (parts[3] as IncidentView) : undefined;
      const incident = view === 'around' && parts[4] && INCIDENT_RE.test(parts[4]) ? parts[4] : undefined;
      return { screen: 'case', caseId: parts[1], tab, ...(view ? { view } : {}), ...(incident ? { incident } : {}) };
    }
    const rule = tab === 'findings' && parts[3] && RULE_RE.test(parts[3]) ? parts[3] : undefined;
    return { screen: 'case', caseId: parts[1], tab, ...(rule ? { rule } : {}) };
  }
  return { screen: 'cases' };
}

export function routeHash(r: Route): string {
  switch (r.screen) {
    case 'cases':
      return '#/cases';
    case 'verify':
      return '#/verify';
    case 'import':
      return '#/import';
    case 'settings':
      return r.back ? `#/settings/from/${encodeURIComponent(routeHash(r.back))}` : '#/settings';
    case 'case': {
      const base = `#/case/${encodeURIComponent(r.caseId)}/${r.tab}`;
      if (r.tab === 'incidents') return `${base}${r.view ? `/${r.view}${r.view === 'around' && r.incident ? `/${encodeURIComponent(r.incident)}` : ''}` : ''}`;
      return `${base}${r.rule ? `/${encodeURIComponent(r.rule)}` : ''}`;
    }
  }
}
