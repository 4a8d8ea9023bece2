// The region's supervisors at /central/: sign in, then every centre now (#), one centre (#centre/<id>),
// or reports (#reports). The address keeps the view, so a link to a centre can be sent on.
import { type CentralUser, callApi, centralApi } from '@vikno/shared';
import { useEffect, useMemo, useState } from 'react';
import { CentreView } from './CentreView.js';
import { Languages } from './Languages.js';
import { Login } from './Login.js';
import { makeLocale } from './locale.js';
import { Overview } from './Overview.js';
import { Reports } from './Reports.js';

type View = { kind: 'overview' } | { kind: 'reports' } | { kind: 'centre'; site: string };

function viewOf(hash: string): View {
  if (hash === '#reports') return { kind: 'reports' };
  const centre = /^#centre\/(.+)$/.exec(hash);
  return centre ? { kind: 'centre', site: decodeURIComponent(centre[1]!) } : { kind: 'overview' };
}

export function App() {
  const [lang, setLang] = useState(() => localStorage.getItem('vikno.central.lang') ?? 'uk');
  const [user, setUser] = useState<CentralUser | null | undefined>(undefined);
  const [view, setView] = useState<View>(() => viewOf(location.hash));
  const locale = useMemo(() => makeLocale(lang), [lang]);

  useEffect(() => {
    callApi(centralApi.session, {}).then(setUser, () => setUser(null));
    const onHash = () => setView(viewOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('vikno.central.lang', lang);
    document.title = `${locale.t('central.title')} · Vikno`;
  }, [lang, locale]);

  const logout = async () => {
    await callApi(centralApi.logout, {}).catch(() => undefined);
    setUser(null);
  };

  return (
    <div className="central">
      <header className="central-header">
        <div className="central-title">
          <h1>{locale.t('central.title')}</h1>
        </div>
        <Languages locale={locale} onChoose={setLang} />
        {user && (
          <div className="central-user">
            <span>
              {locale.t('central.signedInAs', { name: user.name })} (
              {user.region ? locale.t('central.scope.region') : locale.t('central.scope.sites', { count: user.sites.length })})
            </span>
            <button type="button" onClick={logout}>
              {locale.t('central.logout')}
            </button>
          </div>
        )}
      </header>
      {user === undefined ? (
        <p className="central-loading">{locale.t('central.loading')}</p>
      ) : user === null ? (
        <Login locale={locale} onSignedIn={setUser} />
      ) : (
        <>
          <nav aria-label={locale.t('central.nav')} className="central-nav">
            <a href="#overview" aria-current={view.kind !== 'reports' ? 'page' : undefined}>
              {locale.t('central.tab.overview')}
            </a>
            <a href="#reports" aria-current={view.kind === 'reports' ? 'page' : undefined}>
              {locale.t('central.tab.reports')}
            </a>
          </nav>
          <main className="central-main">
            {view.kind === 'overview' && <Overview locale={locale} />}
            {view.kind === 'centre' && <CentreView locale={locale} site={view.site} user={user} />}
            {view.kind === 'reports' && <Reports locale={locale} />}
          </main>
        </>
      )}
    </div>
  );
}
