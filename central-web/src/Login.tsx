import { type CentralUser, callApi, centralApi } from '@vikno/shared';
import { StaffSignIn } from '@vikno/ui/supervisors';
import type { Locale } from './locale.js';

export function Login({ locale, onSignedIn }: { locale: Locale; onSignedIn: (user: CentralUser) => void }) {
  return (
    <StaffSignIn
      className="central-login"
      errorClassName="central-error"
      text={{
        title: locale.t('central.login.title'),
        hint: locale.t('central.login.hint'),
        username: locale.t('central.login.username'),
        secret: locale.t('central.login.password'),
        submit: locale.t('central.login.submit'),
      }}
      secret="password"
      signIn={(username, password) => callApi(centralApi.login, { body: { username, password } })}
      refusal={(status, error) =>
        status === 429
          ? locale.t('central.login.locked')
          : status === 401
            ? locale.t('central.login.wrong')
            : locale.t('central.failed', { error: String(error) })
      }
      onSignedIn={onSignedIn}
    />
  );
}
