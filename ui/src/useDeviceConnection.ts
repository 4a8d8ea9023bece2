import type { PublicConfig } from '@vikno/shared';
import { type ConnectionStatus, connectDevice, type DeviceCredentials, watchConnection } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useRef, useState } from 'react';

export interface Connection {
  client: ViknoClient;
  status: ConnectionStatus;
}

/** The device's broker connection while it has credentials; null before the first attempt starts. */
export function useDeviceConnection(config: PublicConfig, creds: DeviceCredentials | null): Connection | null {
  const [connection, setConnection] = useState<Connection | null>(null);
  const latest = useRef(config);
  latest.current = config;
  const { url } = config.mqtt;
  const site = config.site.id;
  // An admin edit refetches the config: the connection stays unless the broker or the site changed.
  useEffect(() => {
    if (!creds) return;
    const client = connectDevice(latest.current, creds);
    let active = true;
    const stop = watchConnection(client, site, (status) => active && setConnection({ client, status }));
    return () => {
      active = false;
      setConnection(null);
      // The watcher keeps its error listener until the client has closed: an unheard error would throw.
      void client.close().finally(stop);
    };
  }, [url, site, creds]);
  return connection;
}
