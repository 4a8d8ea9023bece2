import type { CommandArgs, CommandName, CommandResult } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useRef, useState } from 'react';
import { send } from './send.js';

/**
 * A read-only query's answer, asked again whenever `key` changes: one request at a time, and a
 * change that arrives while one runs asks once more after it, so the last change is always answered.
 */
export function useQuery<C extends CommandName>(
  client: ViknoClient,
  name: C,
  args: CommandArgs<C>,
  key: string,
  enabled: boolean,
): CommandResult<C> | null {
  const [data, setData] = useState<CommandResult<C> | null>(null);
  const run = useRef({ running: false, again: false, mounted: true });
  const argsRef = useRef(args);
  argsRef.current = args;
  useEffect(() => {
    run.current.mounted = true;
    return () => {
      run.current.mounted = false;
    };
  }, []);
  // `key` is the caller's signal to ask again.
  useEffect(() => {
    if (!enabled) return;
    const r = run.current;
    if (r.running) {
      r.again = true;
      return;
    }
    r.running = true;
    void (async () => {
      do {
        r.again = false;
        try {
          const answer = await send(client, name, argsRef.current);
          if (r.mounted) setData(answer);
        } catch (error) {
          console.warn(`vikno: ${name} failed`, error);
        }
      } while (r.again && r.mounted);
      r.running = false;
    })();
  }, [client, name, key, enabled]);
  return data;
}
