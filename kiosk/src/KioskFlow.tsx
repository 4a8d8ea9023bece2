// The visitor's path through the kiosk: language → what they came for (a group, a search, a priority
// right, an appointment) → the ticket. Idle, it returns to the start; unable to issue, it says so.
import { canPrint, topics } from '@vikno/shared';
import { waitingByGroup } from '@vikno/shared/browser';
import { randomId } from '@vikno/shared/client';
import { LanguageSwitch, type Session, useRetained } from '@vikno/ui';
import { useMemo, useRef, useState } from 'react';
import { type Access, AccessibilityBar, NO_ACCESS_AIDS } from './AccessibilityBar.js';
import { AppointmentScreen } from './AppointmentScreen.js';
import { type IssueOutcome, type IssueRequest, issueAndPrint } from './issue.js';
import { LanguageChoice } from './LanguageChoice.js';
import { NoTicketToday } from './NoTicketToday.js';
import { Issuing, OutOfService, Refused, TicketShown } from './Outcome.js';
import { PriorityScreen } from './PriorityScreen.js';
import { kioskPrinter, ticketPrint } from './printer.js';
import { useReadAloud } from './readAloud.js';
import { SearchScreen } from './SearchScreen.js';
import { ServiceChoice } from './ServiceChoice.js';
import { useIdle } from './useIdle.js';
import { usePrinterStatus } from './usePrinterStatus.js';

type Screen =
  | { name: 'language' }
  | { name: 'home' }
  | { name: 'group'; group: string }
  | { name: 'search' }
  | { name: 'priority' }
  | { name: 'appointment' }
  | { name: 'issuing'; slow: boolean }
  | { name: 'done'; outcome: IssueOutcome };

/** A hub that has not answered after this long gets a "please wait" (the kiosk keeps trying). */
const SLOW_MS = 2000;

export function KioskFlow({ config, client, device, status, locale, setLanguage }: Session) {
  const languages = config.site.languages;
  const firstScreen: Screen = languages.length > 1 ? { name: 'language' } : { name: 'home' };
  const [screen, setScreen] = useState<Screen>(firstScreen);
  const [history, setHistory] = useState<Screen[]>([]);
  const [priority, setPriority] = useState<string | null>(null);
  const [access, setAccess] = useState<Access>(NO_ACCESS_AIDS);
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const busy = useRef(false);

  const printer = useMemo(() => kioskPrinter(device), [device]);
  const printerStatus = usePrinterStatus(printer, client, config.site.id, device.device);
  const queueEntries = useRetained(client, topics.queue(config.site.id, '+'), 'queue');
  const queues = useMemo(() => new Map([...queueEntries.values()].map((q) => [q.service, q])), [queueEntries]);
  const waiting = useMemo(() => waitingByGroup(config, queues.values()), [config, queues]);
  const spoken = useReadAloud(root, access.readAloud, locale.lang);

  const restart = () => {
    busy.current = false;
    setScreen(firstScreen);
    setHistory([]);
    setPriority(null);
    setAccess(NO_ACCESS_AIDS);
    setLanguage(languages[0] ?? locale.lang);
  };
  const idleMs =
    screen.name === 'issuing' ? null : (screen.name === 'done' ? config.kiosk.confirmationSeconds : config.kiosk.idleSeconds) * 1000;
  useIdle(idleMs, restart);

  const go = (next: Screen) => {
    setHistory((h) => [...h, screen]);
    setScreen(next);
  };
  const back = () => {
    const previous = history.at(-1);
    setHistory((h) => h.slice(0, -1));
    setScreen(previous ?? firstScreen);
    if (previous?.name === 'home' || !previous) setPriority(null);
  };

  const issue = async (request: IssueRequest) => {
    // A second tap while the first is on its way changes nothing.
    if (busy.current) return;
    busy.current = true;
    setScreen({ name: 'issuing', slow: false });
    const slowTimer = setTimeout(() => setScreen((s) => (s.name === 'issuing' ? { name: 'issuing', slow: true } : s)), SLOW_MS);
    const outcome = await issueAndPrint({
      client,
      printer,
      request,
      language: locale.lang,
      id: randomId(),
      print: (issued) => ticketPrint(config, issued, locale, new Date()),
    });
    clearTimeout(slowTimer);
    busy.current = false;
    setHistory([]);
    setScreen({ name: 'done', outcome });
  };

  const hubReachable = status === 'online';
  const printerReady = printerStatus !== null && canPrint(printerStatus);
  const outOfService = screen.name !== 'issuing' && screen.name !== 'done' && (!hubReachable || (printerStatus !== null && !printerReady));

  // Not on the language screen, which is the same choice made bigger.
  const languageSwitch = <LanguageSwitch languages={languages} locale={locale} onChoose={setLanguage} readAloud="always" />;
  const classes = ['kiosk', access.largeText && 'kiosk-large', access.contrast && 'kiosk-contrast'].filter(Boolean).join(' ');
  return (
    <div className={classes} ref={setRoot}>
      <div className="kiosk-screen">
        {outOfService ? (
          <OutOfService languages={languages} printer={printerStatus} hubReachable={hubReachable} />
        ) : (
          <>
            {screen.name !== 'language' && screen.name !== 'home' && screen.name !== 'issuing' && screen.name !== 'done' && (
              <div className="kiosk-top">
                <nav className="kiosk-nav">
                  <button type="button" onClick={back}>
                    ← {locale.t('kiosk.back')}
                  </button>
                  <button type="button" onClick={restart}>
                    {locale.t('kiosk.home')}
                  </button>
                </nav>
                {/* A group's name in the row of the buttons: the height is the services'. */}
                {screen.name === 'group' && (
                  <h2 id="group-title">{locale.name(config.serviceGroups.find((g) => g.id === screen.group)?.names ?? {})}</h2>
                )}
                {languageSwitch}
              </div>
            )}
            {priority && screen.name !== 'done' && (
              <p className="priority-chosen">
                {locale.t('kiosk.priority.chosen', {
                  category: locale.name(config.priorityCategories.find((p) => p.id === priority)?.names ?? {}),
                })}
              </p>
            )}
            {screen.name === 'language' && (
              <LanguageChoice
                languages={languages}
                onChoose={(lang) => {
                  setLanguage(lang);
                  go({ name: 'home' });
                }}
              />
            )}
            {screen.name === 'home' && (
              <section className="home" aria-labelledby="home-title">
                <div className="kiosk-top">
                  <h2 id="home-title">{locale.t(priority ? 'kiosk.priority.title' : 'kiosk.home.title')}</h2>
                  {languageSwitch}
                </div>
                <div className="home-actions">
                  <button type="button" data-action="search" onClick={() => go({ name: 'search' })}>
                    {locale.t('kiosk.search')}
                  </button>
                  {!priority && config.priorityCategories.length > 0 && (
                    <button type="button" data-action="priority" onClick={() => go({ name: 'priority' })}>
                      {locale.t('kiosk.priority')}
                    </button>
                  )}
                  <button type="button" data-action="appointment" onClick={() => go({ name: 'appointment' })}>
                    {locale.t('kiosk.appointment')}
                  </button>
                </div>
                <h3 className="choose-service">{locale.t('kiosk.chooseService')}</h3>
                <ServiceChoice
                  config={config}
                  locale={locale}
                  queues={queues}
                  waitingByGroup={waiting}
                  group={null}
                  onGroup={(group) => go({ name: 'group', group })}
                  onService={(service) => issue({ service, priority })}
                />
              </section>
            )}
            {screen.name === 'group' && (
              <section className="group" aria-labelledby="group-title">
                <ServiceChoice
                  config={config}
                  locale={locale}
                  queues={queues}
                  waitingByGroup={waiting}
                  group={screen.group}
                  onGroup={(group) => go({ name: 'group', group })}
                  onService={(service) => issue({ service, priority })}
                />
              </section>
            )}
            {screen.name === 'search' && (
              <SearchScreen config={config} locale={locale} queues={queues} onService={(service) => issue({ service, priority })} />
            )}
            {screen.name === 'priority' && (
              <PriorityScreen
                config={config}
                locale={locale}
                onChoose={(category) => {
                  setPriority(category);
                  setHistory([]);
                  setScreen({ name: 'home' });
                }}
              />
            )}
            {screen.name === 'appointment' && (
              <AppointmentScreen locale={locale} onCheckIn={(appointmentCode) => issue({ appointmentCode })} />
            )}
            {screen.name === 'issuing' && <Issuing locale={locale} slow={screen.slow} />}
            {screen.name === 'done' && screen.outcome.kind === 'issued' && (
              <TicketShown config={config} locale={locale} outcome={screen.outcome} readAloud={access.readAloud} onDone={restart} />
            )}
            {screen.name === 'done' &&
              screen.outcome.kind === 'refused' &&
              (screen.outcome.code === 'service_closed' || screen.outcome.code === 'day_full' ? (
                <NoTicketToday
                  config={config}
                  locale={locale}
                  closed={screen.outcome.code === 'service_closed'}
                  params={screen.outcome.params ?? {}}
                  readAloud={access.readAloud}
                  onDone={restart}
                />
              ) : (
                <Refused locale={locale} code={screen.outcome.code} readAloud={access.readAloud} onAgain={restart} />
              ))}
            {screen.name === 'done' && screen.outcome.kind === 'printerDown' && (
              <OutOfService languages={languages} printer={screen.outcome.status} hubReachable={hubReachable} />
            )}
          </>
        )}
      </div>
      <div className="kiosk-bottom">
        {access.readAloud && (
          <p className="read-aloud-caption" aria-live="polite">
            {spoken || locale.t('kiosk.a11y.voiceOn')}
          </p>
        )}
        <AccessibilityBar locale={locale} access={access} onChange={setAccess} />
      </div>
    </div>
  );
}
