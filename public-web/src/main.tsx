import '@vikno/shared/no-eval';
import { callApi, httpApi, type PublicConfig, translate } from '@vikno/shared';
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BookPage } from './BookPage.js';
import { useLocale } from './locale.js';
import type { PageProps } from './page.js';
import { StatusPage } from './StatusPage.js';
import { TrackPage } from './TrackPage.js';
import '@vikno/ui/theme.css';
import './public.css';

const RETRY_MS = 3000;
// Only the counter's tablet loads its page (and the device helpers it brings): visitors' phones do not.
const RatePage = lazy(() => import('./RatePage.js').then((m) => ({ default: m.RatePage })));

function usePublicConfig(): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      callApi(httpApi.config, {})
        .then(setConfig)
        .catch(() => {
          timer = setTimeout(attempt, RETRY_MS);
        });
    void attempt();
    return () => clearTimeout(timer);
  }, []);
  return config;
}

function Page(props: PageProps) {
  const path = window.location.pathname;
  const track = /^\/t\/([\w-]+)$/.exec(path);
  if (track) return <TrackPage {...props} token={track[1]!} />;
  if (path === '/book') return <BookPage {...props} />;
  if (path === '/rate')
    return (
      <Suspense fallback={null}>
        <RatePage {...props} />
      </Suspense>
    );
  return <StatusPage {...props} />;
}

function Shell({ config }: { config: PublicConfig }) {
  const [locale, choose] = useLocale(config.site.languages);
  const path = window.location.pathname;
  useEffect(() => {
    document.title = locale.name(config.site.name);
  }, [locale, config]);
  return (
    <>
      <header className="top">
        <p className="site-name">{locale.name(config.site.name)}</p>
        {config.site.languages.length > 1 && (
          <fieldset className="language-switch">
            <legend className="visually-hidden">{locale.t('language.switch')}</legend>
            {config.site.languages.map((lang) => (
              <button key={lang} type="button" lang={lang} aria-pressed={lang === locale.lang} onClick={() => choose(lang)}>
                {translate(lang, 'language.native')}
              </button>
            ))}
          </fieldset>
        )}
      </header>
      <main>
        <Page config={config} locale={locale} />
      </main>
      {/* The counter's tablet stays on its one page: visitors must not wander off it. */}
      {path !== '/rate' && (
        <nav className="bottom-nav" aria-label={locale.t('public.nav')}>
          <a href="/status" aria-current={path === '/status' ? 'page' : undefined}>
            {locale.t('public.nav.status')}
          </a>
          <a href="/book" aria-current={path === '/book' ? 'page' : undefined}>
            {locale.t('public.nav.book')}
          </a>
        </nav>
      )}
    </>
  );
}

function App() {
  const config = usePublicConfig();
  if (!config)
    return (
      <p className="loading" role="status">
        {translate('uk', 'public.loading')}
      </p>
    );
  return <Shell config={config} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
