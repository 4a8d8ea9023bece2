import type { TopicKind, TopicPayload } from '@vikno/shared';
import { watchRetained } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useState } from 'react';

/**
 * The latest payload per topic of a retained-state filter, kept up to date. `keep` (memoised: a new
 * one subscribes again) limits it to the payloads the screen shows; the rest cause no render.
 */
export function useRetained<K extends TopicKind>(
  client: ViknoClient,
  filter: string,
  kind: K,
  keep?: (payload: TopicPayload<K>) => boolean,
): ReadonlyMap<string, TopicPayload<K>> {
  const [entries, setEntries] = useState<ReadonlyMap<string, TopicPayload<K>>>(() => new Map());
  useEffect(() => {
    setEntries(new Map());
    return watchRetained(client, filter, kind, setEntries, keep);
  }, [client, filter, kind, keep]);
  return entries;
}
