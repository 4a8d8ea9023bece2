import type { PublicConfig } from '@vikno/shared';
import { loadPublicConfig } from '@vikno/shared/browser';
import { useEffect, useState } from 'react';

const RETRY_MS = 3000;

/** The hub's public config; retried until the hub answers (it may be restarting). */
export function usePublicConfig(): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const attempt = () =>
      loadPublicConfig().then(
        (loaded) => active && setConfig(loaded),
        (error: unknown) => {
          console.warn('vikno: no config from the hub yet', error);
          if (active) timer = setTimeout(attempt, RETRY_MS);
        },
      );
    void attempt();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, []);
  return config;
}
