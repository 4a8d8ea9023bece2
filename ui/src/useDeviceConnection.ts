import type { PublicConfig } from '@vikno/shared';
import { type ConnectionStatus, connectDevice, type DeviceCredentials, watchConnection } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useState } from 'react';

export interface Connection {
  client: ViknoClient;
  status: ConnectionStatus;
}

/** The device's broker connection while it has credentials; null before the first attempt starts. */
export function useDeviceConnection(config: PublicConfig, creds: DeviceCredentials | null): Connection | null {
  const [connection, setConnection] = useState<Connection | null>(null);
  useEffect(() => {
    if (!creds) return;
    const client = connectDevice(config, creds);
    let active = true;
    const stop = watchConnection(client, config.site.id, (status) => active && setConnection({ client, status }));
    return () => {
      active = false;
      setConnection(null);
      // The watcher keeps its error listener until the client has closed: an unheard error would throw.
      void client.close().finally(stop);
    };
  }, [config, creds]);
  return connection;
}
