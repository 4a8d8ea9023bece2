import type { MessageKey, PublicConfig } from '@vikno/shared';
import {
  type BrowserApp,
  browserLanguage,
  type ConnectionStatus,
  type DeviceCredentials,
  type Locale,
  makeLocale,
} from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { ConnectionBanner } from './ConnectionBanner.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { PairingForm } from './PairingForm.js';
import { useDeviceConnection } from './useDeviceConnection.js';
import { useConfigUpdates, usePublicConfig } from './usePublicConfig.js';
import { useStoredCredentials } from './useStoredCredentials.js';

/** What an app's screens get once the device is signed in. */
export interface Session {
  config: PublicConfig;
  client: ViknoClient;
  /** The device's own credentials: a kiosk in browser mode signs its print jobs with them. */
  device: DeviceCredentials;
  /** The broker connection and the hub's presence; a kiosk issues nothing unless `online`. */
  status: ConnectionStatus;
  locale: Locale;
  setLanguage: (lang: string) => void;
}

interface ShellProps {
  app: BrowserApp;
  /** The catalog key of the app's name, shown in the header and the window title. */
  title: MessageKey;
  /**
   * A wall screen nobody touches: no language buttons; the labels go through the centre's languages
   * in turn, this many milliseconds each.
   */
  cycleLanguagesMs?: number;
  /**
   * A screen for visitors (the kiosk): the header has no language switch (the app places its own where
   * a visitor needs it), and the connection shows only when something is wrong, small, in a corner —
   * for the staff, not in the visitor's way.
   */
  visitors?: boolean;
  children: (session: Session) => ReactNode;
}

/** Loads the config, signs the device in, and frames the app with its header and connection state. */
export function DeviceShell(props: ShellProps) {
  const config = usePublicConfig();
  if (!config) return <WaitingForHub />;
  return <SiteShell {...props} config={config} />;
}

function WaitingForHub() {
  const locale = makeLocale(browserLanguage(), []);
  useDocumentLanguage(locale.lang);
  return (
    <div className="shell">
      <ConnectionBanner status="connecting" locale={locale} />
    </div>
  );
}

function SiteShell({ app, title, cycleLanguagesMs, visitors = false, config, children }: ShellProps & { config: PublicConfig }) {
  const [lang, setLanguage] = useState(config.site.languages[0] ?? 'uk');
  useLanguageCycle(config.site.languages, cycleLanguagesMs, setLanguage);
  const locale = useMemo(() => makeLocale(lang, config.site.languages), [lang, config]);
  const { creds, revoked, paired, refused } = useStoredCredentials(app);
  const connection = useDeviceConnection(config, creds ?? null);
  useConfigUpdates(connection?.client, config.site.id);
  const siteName = locale.name(config.site.name);
  useDocumentLanguage(lang);
  useEffect(() => {
    document.title = `${locale.t(title)} · ${siteName}`;
  }, [locale, title, siteName]);
  const rejected = connection?.status === 'rejected';
  useEffect(() => {
    if (rejected) refused();
  }, [rejected, refused]);

  // Until the first attempt starts, a device with credentials counts as connecting.
  const status = creds ? (connection?.status ?? 'connecting') : null;
  const signedIn = status !== null && status !== 'rejected';
  return (
    <div className={`shell shell-${app}`}>
      <header className="shell-header">
        <div className="shell-title">
          <h1>{siteName}</h1>
          <p>{locale.t(title)}</p>
        </div>
        {!cycleLanguagesMs && !visitors && <LanguageSwitch languages={config.site.languages} locale={locale} onChoose={setLanguage} />}
        {signedIn && !visitors && <ConnectionBanner status={status} locale={locale} />}
        {signedIn && visitors && status !== 'online' && <ConnectionBanner status={status} locale={locale} corner />}
      </header>
      <main className="shell-main">
        {creds === null && <PairingForm locale={locale} revoked={revoked} onPaired={paired} />}
        {signedIn &&
          connection &&
          creds &&
          children({ config, client: connection.client, device: creds, status: connection.status, locale, setLanguage })}
      </main>
    </div>
  );
}

/** Every `ms`, the next of `languages` (none when `ms` is unset). */
function useLanguageCycle(languages: readonly string[], ms: number | undefined, setLanguage: (lang: string) => void): void {
  useEffect(() => {
    if (!ms || languages.length < 2) return;
    let at = 0;
    const timer = setInterval(() => {
      at = (at + 1) % languages.length;
      setLanguage(languages[at] ?? 'uk');
    }, ms);
    return () => clearInterval(timer);
  }, [languages, ms, setLanguage]);
}

function useDocumentLanguage(lang: string): void {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}
