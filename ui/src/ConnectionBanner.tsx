import type { MessageKey } from '@vikno/shared';
import type { ConnectionStatus, Locale } from '@vikno/shared/browser';

const MESSAGES: Record<ConnectionStatus, MessageKey> = {
  connecting: 'connection.connecting',
  online: 'connection.online',
  offline: 'connection.offline',
  hubOffline: 'connection.hubOffline',
  rejected: 'device.rejected',
};

export function ConnectionBanner({ status, locale }: { status: ConnectionStatus; locale: Locale }) {
  return (
    <p role="status" className={`connection connection-${status}`} data-status={status}>
      {locale.t(MESSAGES[status])}
    </p>
  );
}
