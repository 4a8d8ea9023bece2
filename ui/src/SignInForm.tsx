import type { DeviceCredentials, Locale } from '@vikno/shared/browser';
import type { FormEvent } from 'react';

interface SignInProps {
  locale: Locale;
  /** The broker refused the last credentials. */
  rejected: boolean;
  device: string;
  onSignIn: (creds: DeviceCredentials) => void;
}

/** Asks for the device's name and secret, as set in the centre's config. */
export function SignInForm({ locale, rejected, device, onSignIn }: SignInProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSignIn({ device: String(form.get('device') ?? '').trim(), secret: String(form.get('secret') ?? '') });
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>{locale.t('device.title')}</h2>
      {rejected && (
        <p role="alert" className="sign-in-error">
          {locale.t('device.rejected')}
        </p>
      )}
      <label>
        {locale.t('device.id')}
        <input name="device" defaultValue={device} required autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </label>
      <label>
        {locale.t('device.secret')}
        <input name="secret" type="password" required autoComplete="current-password" />
      </label>
      <button type="submit">{locale.t('device.signIn')}</button>
    </form>
  );
}
