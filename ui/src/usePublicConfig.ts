import { type PublicConfig, topicPayloads, topics } from '@vikno/shared';
import { loadPublicConfig } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useState } from 'react';

const RETRY_MS = 3000;

/** The loaded configs' refetches: an admin edit announced on the config topic runs them. */
const refetches = new Set<() => void>();

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
    refetches.add(attempt);
    return () => {
      active = false;
      clearTimeout(timer);
      refetches.delete(attempt);
    };
  }, []);
  return config;
}

/**
 * Refetches the config when the hub's retained config version changes (an admin edit). The first
 * version seen is the one the page loaded with; hub restarts republish it, which refetches harmlessly.
 */
export function useConfigUpdates(client: ViknoClient | undefined, site: string): void {
  useEffect(() => {
    if (!client) return;
    let seen: string | undefined;
    return client.subscribe(topics.config(site), (_topic, payload) => {
      const version = topicPayloads.config.safeParse(payload);
      if (!version.success) return;
      const key = `${version.data.version}@${version.data.at}`;
      if (seen !== undefined && seen !== key) for (const refetch of refetches) refetch();
      seen = key;
    });
  }, [client, site]);
}
