import { ApiError, callApi, httpApi, type Staff } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type FormEvent, useState } from 'react';

export function Login({ locale, onSignedIn }: { locale: Locale; onSignedIn: (staff: Staff) => void }) {
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await callApi(httpApi.adminLogin, { body: { username: username.trim(), pin } }));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(
        locale.t(
          status === 429
            ? 'admin.login.locked'
            : status === 403
              ? 'admin.login.forbidden'
              : status === 401
                ? 'admin.login.wrong'
                : 'admin.failed',
          {
            error: String(err),
          },
        ),
      );
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-login" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{locale.t('admin.login.title')}</h2>
      <p>{locale.t('admin.login.hint')}</p>
      <label>
        {locale.t('admin.login.username')}
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {locale.t('admin.login.pin')}
        <input
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          required
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="admin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {locale.t('admin.login.submit')}
      </button>
    </form>
  );
}
