import type { Paired } from '@vikno/shared';
import {
  type BrowserApp,
  type DeviceCredentials,
  forgetDeviceCredentials,
  loadDeviceCredentials,
  saveDeviceCredentials,
} from '@vikno/shared/browser';
import { useCallback, useEffect, useState } from 'react';

/**
 * The credentials the device keeps (undefined while they are read), kept anew when it pairs and
 * forgotten when the hub refuses them: the device then asks for a pairing code again.
 */
export function useStoredCredentials(app: BrowserApp) {
  const [creds, setCreds] = useState<DeviceCredentials | null | undefined>(undefined);
  const [revoked, setRevoked] = useState(false);
  useEffect(() => {
    let live = true;
    void loadDeviceCredentials(app).then((stored) => live && setCreds(stored));
    return () => {
      live = false;
    };
  }, [app]);
  const paired = useCallback(
    (next: Paired, caFingerprint: string | undefined) => {
      const kept = { device: next.device, secret: next.secret, ...(caFingerprint && { caFingerprint }) };
      void saveDeviceCredentials(app, kept).then(() => {
        setRevoked(false);
        setCreds(kept);
      });
    },
    [app],
  );
  const refused = useCallback(() => {
    void forgetDeviceCredentials(app).then(() => {
      setRevoked(true);
      setCreds(null);
    });
  }, [app]);
  return { creds, revoked, paired, refused };
}
