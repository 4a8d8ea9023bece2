import type { Session } from '@vikno/ui';
import { useEffect, useState } from 'react';
import { Desk } from './Desk.js';
import { LoginForm } from './LoginForm.js';
import { send } from './send.js';
import { useCounterStates } from './useCounterStates.js';

interface Place {
  /** Set in the config for this terminal; null when the operator chooses at login. */
  fixedCounter: string | null;
  /** The counter this terminal works at (or last worked at) today. */
  counter: string | null;
}

/**
 * Asks the hub where this terminal is logged in, then shows the login or the operator's desk. The hub
 * keeps the login, so a reloaded page comes back to the desk; closing the day logs everyone out.
 */
export function Terminal(session: Session) {
  const { client, config, device, status, locale } = session;
  // The desk watches its own counter, and all while its transfer dialog is open; the login all.
  const [watched, setWatched] = useState<string | null>(null);
  const counters = useCounterStates(client, config.site.id, watched);
  const { note } = counters;
  const [place, setPlace] = useState<Place | null>(null);

  // Asked again after each reconnection: the day may have closed meanwhile.
  useEffect(() => {
    if (status !== 'online') return;
    let active = true;
    send(client, 'counter.session', {}).then(
      (answer) => {
        if (!active) return;
        if (answer.counter) note(answer.counter);
        setPlace({ fixedCounter: answer.fixedCounter, counter: answer.counter?.counter ?? answer.fixedCounter });
      },
      (error: unknown) => console.warn('vikno: counter.session failed', error),
    );
    return () => {
      active = false;
    };
  }, [client, status, note]);

  if (!place) return <p className="terminal-wait">{locale.t('counter.loading')}</p>;
  const state = place.counter ? counters.states.get(place.counter) : undefined;
  if (state && state.device === device.device) return <Desk session={session} state={state} counters={counters} watch={setWatched} />;
  return (
    <LoginForm
      session={session}
      fixedCounter={place.fixedCounter}
      counters={counters.states}
      onLoggedIn={(loggedIn) => {
        note(loggedIn);
        setPlace({ ...place, counter: loggedIn.counter });
      }}
    />
  );
}
