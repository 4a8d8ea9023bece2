import type { MessageKey } from '@vikno/shared';
import type { ConnectionStatus, Locale } from '@vikno/shared/browser';

const MESSAGES: Record<ConnectionStatus, MessageKey> = {
  connecting: 'connection.connecting',
  online: 'connection.online',
  offline: 'connection.offline',
  hubOffline: 'connection.hubOffline',
  rejected: 'device.rejected',
};

/** `corner`: small and out of the way, on a screen whose users are visitors. */
export function ConnectionBanner({ status, locale, corner = false }: { status: ConnectionStatus; locale: Locale; corner?: boolean }) {
  return (
    <p role="status" className={`connection connection-${status}${corner ? ' connection-corner' : ''}`} data-status={status}>
      {locale.t(MESSAGES[status])}
    </p>
  );
}
