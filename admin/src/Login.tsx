import { callApi, httpApi, type Staff } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { StaffSignIn } from '@vikno/ui/supervisors';

export function Login({ locale, onSignedIn }: { locale: Locale; onSignedIn: (staff: Staff) => void }) {
  return (
    <StaffSignIn
      className="admin-login"
      errorClassName="admin-error"
      text={{
        title: locale.t('admin.login.title'),
        hint: locale.t('admin.login.hint'),
        username: locale.t('admin.login.username'),
        secret: locale.t('admin.login.pin'),
        submit: locale.t('admin.login.submit'),
      }}
      secret="pin"
      signIn={(username, pin) => callApi(httpApi.adminLogin, { body: { username, pin } })}
      refusal={(status, error) =>
        locale.t(
          status === 429
            ? 'admin.login.locked'
            : status === 403
              ? 'admin.login.forbidden'
              : status === 401
                ? 'admin.login.wrong'
                : 'admin.failed',
          { error: String(error) },
        )
      }
      onSignedIn={onSignedIn}
    />
  );
}
