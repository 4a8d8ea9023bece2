import { callApi, httpApi, type MessageKey, type PublicConfig, type Staff, translate } from '@vikno/shared';
import { loadPublicConfig, makeLocale } from '@vikno/shared/browser';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConfigEditor, type ConfigTab } from './ConfigEditor.js';
import { Login } from './Login.js';
import { Monitor } from './Monitor.js';
import { Pairing } from './Pairing.js';
import { Reports } from './Reports.js';
import { Staffing } from './Staffing.js';

/** The admin pages speak the two complete catalogs. */
const LANGUAGES = ['uk', 'en'] as const;
type Tab = 'monitor' | 'reports' | 'staffing' | ConfigTab;
const TABS: Tab[] = ['monitor', 'reports', 'staffing', 'services', 'counters', 'operators', 'devices', 'settings'];

export function App() {
  const [lang, setLang] = useState<string>(() => localStorage.getItem('vikno.admin.lang') ?? 'uk');
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('monitor');
  const locale = useMemo(() => makeLocale(lang, config?.site.languages ?? []), [lang, config]);

  const reloadConfig = useCallback(() => {
    loadPublicConfig().then(setConfig, () => setTimeout(reloadConfig, 3000));
  }, []);
  useEffect(() => {
    reloadConfig();
    callApi(httpApi.adminSession, {}).then(setStaff, () => setStaff(null));
  }, [reloadConfig]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('vikno.admin.lang', lang);
    document.title = `${locale.t('app.admin')}${config ? ` · ${locale.name(config.site.name)}` : ''}`;
  }, [lang, locale, config]);

  const logout = async () => {
    await callApi(httpApi.adminLogout, {}).catch(() => undefined);
    setStaff(null);
  };

  return (
    <div className="admin">
      <header className="admin-header">
        <div className="admin-title">
          <h1>{config ? locale.name(config.site.name) : 'Vikno'}</h1>
          <p>{locale.t('app.admin')}</p>
        </div>
        <fieldset className="admin-languages">
          <legend className="visually-hidden">{locale.t('language.switch')}</legend>
          {LANGUAGES.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {translate(l, 'language.native')}
            </button>
          ))}
        </fieldset>
        {staff && (
          <div className="admin-user">
            <span>{locale.t('admin.signedInAs', { name: staff.name })}</span>
            <button type="button" onClick={logout}>
              {locale.t('admin.logout')}
            </button>
          </div>
        )}
      </header>
      {staff === undefined || !config ? (
        <p className="admin-loading">{locale.t('admin.loading')}</p>
      ) : staff === null ? (
        <Login locale={locale} onSignedIn={setStaff} />
      ) : (
        <div className="admin-body">
          <nav aria-label={locale.t('admin.nav')} className="admin-nav">
            {TABS.map((t) => (
              <button key={t} type="button" aria-current={t === tab ? 'page' : undefined} data-tab={t} onClick={() => setTab(t)}>
                {locale.t(`admin.tab.${t}` as MessageKey)}
              </button>
            ))}
          </nav>
          <main className="admin-main">
            {tab === 'monitor' && <Monitor locale={locale} config={config} />}
            {tab === 'reports' && <Reports locale={locale} config={config} />}
            {tab === 'staffing' && <Staffing locale={locale} config={config} />}
            {tab !== 'monitor' && tab !== 'reports' && tab !== 'staffing' && (
              <ConfigEditor tab={tab} locale={locale} canEdit={staff.roles.includes('admin')} onSaved={reloadConfig} />
            )}
            {tab === 'devices' && staff.roles.includes('admin') && <Pairing locale={locale} timeZone={config.site.timezone} />}
          </main>
        </div>
      )}
    </div>
  );
}
