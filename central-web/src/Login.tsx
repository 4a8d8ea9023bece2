import { ApiError, type CentralUser, callApi, centralApi } from '@vikno/shared';
import { type FormEvent, useState } from 'react';
import type { Locale } from './locale.js';

export function Login({ locale, onSignedIn }: { locale: Locale; onSignedIn: (user: CentralUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await callApi(centralApi.login, { body: { username: username.trim(), password } }));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(
        status === 429
          ? locale.t('central.login.locked')
          : status === 401
            ? locale.t('central.login.wrong')
            : locale.t('central.failed', { error: String(err) }),
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="central-login" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{locale.t('central.login.title')}</h2>
      <p>{locale.t('central.login.hint')}</p>
      <label>
        {locale.t('central.login.username')}
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {locale.t('central.login.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="central-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {locale.t('central.login.submit')}
      </button>
    </form>
  );
}
