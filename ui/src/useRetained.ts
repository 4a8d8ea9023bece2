import type { TopicKind, TopicPayload } from '@vikno/shared';
import { watchRetained } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useState } from 'react';

/** The latest payload per topic of a retained-state filter, kept up to date. */
export function useRetained<K extends TopicKind>(client: ViknoClient, filter: string, kind: K): ReadonlyMap<string, TopicPayload<K>> {
  const [entries, setEntries] = useState<ReadonlyMap<string, TopicPayload<K>>>(() => new Map());
  useEffect(() => {
    setEntries(new Map());
    return watchRetained(client, filter, kind, setEntries);
  }, [client, filter, kind]);
  return entries;
}
