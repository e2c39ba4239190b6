// The workbench's frame: a skip link, the top bar (screens, transport, language), the
// current screen, and a notice line. Keyboard: Alt+1…6 case tabs, "/" focuses the
// screen's search, Esc dismisses the notice.

import { useEffect } from 'react';
import { Notice } from './components/Notice.js';
import { useT } from './i18n/useT.js';
import { CaseScreen } from './screens/CaseScreen.js';
import { CasesScreen } from './screens/CasesScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { VerifyScreen } from './screens/VerifyScreen.js';
import { useDeps, useDesk } from './store/index.js';
import { CASE_TABS, type Route } from './store/route.js';

function NavLink({ to, children, testId }: { to: Route; children: string; testId: string }) {
  const route = useDesk((s) => s.route);
  const navigate = useDesk((s) => s.navigate);
  const here = route.screen === to.screen || (to.screen === 'cases' && route.screen === 'case');
  return (
    <a
      href={to.screen === 'cases' ? '#/cases' : `#/${to.screen}`}
      aria-current={here ? 'page' : undefined}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function App() {
  const t = useT();
  const { transport } = useDeps();
  const route = useDesk((s) => s.route);
  const lang = useDesk((s) => s.lang);
  const setLang = useDesk((s) => s.setLang);
  const navigate = useDesk((s) => s.navigate);
  const dismiss = useDesk((s) => s.dismissNotice);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-6]$/.test(e.key) && route.screen === 'case') {
        e.preventDefault();
        navigate({ ...route, tab: CASE_TABS[Number(e.key) - 1] });
      } else if (e.key === '/' && !typing) {
        const search = document.querySelector<HTMLInputElement>('[data-shortcut="search"]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (e.key === 'Escape' && !typing) {
        dismiss();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route, navigate, dismiss]);

  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>{t('app.skip')}</a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.main')} className="nav">
          <NavLink to={{ screen: 'cases' }} testId="nav-cases">{t('nav.cases')}</NavLink>
          <NavLink to={{ screen: 'verify' }} testId="nav-verify">{t('nav.verify')}</NavLink>
          <NavLink to={{ screen: 'settings' }} testId="nav-settings">{t('nav.settings')}</NavLink>
        </nav>
        <span className="spacer" />
        <span className="transport small">{t(transport === 'electron' ? 'app.transport.electron' : 'app.transport.loopback')}</span>
        <button type="button" className="lang" onClick={() => void setLang(lang === 'zh' ? 'en' : 'zh')} title={t('app.lang.label')} lang={lang === 'zh' ? 'en' : 'zh-CN'} data-testid="lang-toggle">
          {t('app.lang.toggle')}
        </button>
      </header>
      <main id="main" tabIndex={-1} className={`main screen-${route.screen}${route.screen === 'case' ? ` tab-${route.tab}` : ''}`}>
        {route.screen === 'cases' && <CasesScreen />}
        {route.screen === 'case' && <CaseScreen caseId={route.caseId} tab={route.tab} rule={route.rule} view={route.view} incident={route.incident} />}
        {route.screen === 'verify' && <VerifyScreen />}
        {route.screen === 'settings' && <SettingsScreen />}
        {route.screen === 'import' && <ImportScreen />}
      </main>
      <footer className="footer small muted">{t('app.keys')}</footer>
      <Notice />
    </div>
  );
}
