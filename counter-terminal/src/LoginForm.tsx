import type { CounterState } from '@vikno/shared';
import type { Session } from '@vikno/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { refusal, send } from './send.js';

interface LoginProps {
  session: Session;
  fixedCounter: string | null;
  counters: ReadonlyMap<string, CounterState>;
  onLoggedIn: (state: CounterState) => void;
}

const LOOKUP_DELAY_MS = 300;

/** Username and PIN; on a terminal not fixed to a counter, also the counter, from those the operator may use. */
export function LoginForm({ session, fixedCounter, counters, onLoggedIn }: LoginProps) {
  const { client, config, locale, status } = session;
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [counter, setCounter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = useAllowedCounters(session, fixedCounter ? null : username.trim());
  const pinField = useRef<HTMLInputElement>(null);
  const windowOf = (id: string) => config.counters.find((c) => c.id === id)?.window;
  const online = status === 'online';
  const choices = allowed ?? config.counters.map((c) => c.id);
  // A counter chosen before the username narrowed the list may no longer be on it.
  const chosen = choices.includes(counter) ? counter : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !online) return;
    setBusy(true);
    setError(null);
    try {
      const args = { username: username.trim(), pin, ...(fixedCounter ? {} : { counter: chosen }) };
      const answer = await send(client, 'operator.login', args);
      onLoggedIn(answer.counter);
    } catch (e) {
      setError(refusal(e, locale));
      setPin('');
      pinField.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">
        {fixedCounter
          ? locale.t('counter.login.titleAt', { window: windowOf(fixedCounter) ?? fixedCounter })
          : locale.t('counter.login.title')}
      </h2>
      <p className="login-hint">{locale.t('counter.login.hint')}</p>
      {error && (
        <p role="alert" className="login-error">
          {error}
        </p>
      )}
      <label>
        {locale.t('counter.login.username')}
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the login is the only thing on this screen.
          autoFocus
        />
      </label>
      <label>
        {locale.t('counter.login.pin')}
        <input
          ref={pinField}
          name="pin"
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          required
          autoComplete="current-password"
        />
      </label>
      {!fixedCounter && (
        <label>
          {locale.t('counter.login.counter')}
          <select name="counter" value={chosen} onChange={(e) => setCounter(e.target.value)} required>
            <option value="">{locale.t('counter.login.chooseCounter')}</option>
            {choices.map((id) => {
              const busyBy = counters.get(id)?.operator?.name;
              const label = locale.t('counter.window', { window: windowOf(id) ?? id });
              return (
                <option key={id} value={id}>
                  {busyBy ? `${label} · ${busyBy}` : label}
                </option>
              );
            })}
          </select>
        </label>
      )}
      <button type="submit" className="primary" disabled={busy || !online}>
        {locale.t('counter.login.submit')}
      </button>
    </form>
  );
}

/** The counters the typed username may use, asked of the hub once typing pauses; null before any answer. */
function useAllowedCounters({ client }: Session, username: string | null): string[] | null {
  const [allowed, setAllowed] = useState<string[] | null>(null);
  useEffect(() => {
    if (!username) {
      setAllowed(null);
      return;
    }
    let active = true;
    const timer = setTimeout(() => {
      send(client, 'operator.counters', { username }).then(
        (answer) => active && setAllowed(answer.counters),
        (error: unknown) => console.warn('vikno: operator.counters failed', error),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [client, username]);
  return allowed;
}
