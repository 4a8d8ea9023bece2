// Commands from the terminal: one id per press, so that a retry after a lost answer (or a double
// press) reaches the hub as the same command and is answered, not run, a second time.
import { type CommandArgs, CommandError, type CommandName, type CommandResult } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { CommandTimeout, randomId, type ViknoClient } from '@vikno/shared/client';

const ATTEMPTS = 3;
const TIMEOUT_MS = 5000;

export async function send<C extends CommandName>(client: ViknoClient, name: C, args: CommandArgs<C>): Promise<CommandResult<C>> {
  const id = randomId();
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.command(name, args, { id, timeoutMs: TIMEOUT_MS });
    } catch (error) {
      if (!(error instanceof CommandTimeout) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** The catalog's words for a refusal; the hub's own message is English and for the logs. */
export function refusal(error: unknown, locale: Locale): string {
  if (error instanceof CommandError) return locale.t(`error.${error.code}`);
  if (error instanceof CommandTimeout) return locale.t('error.timeout');
  console.error('vikno: command failed', error);
  return locale.t('error.internal');
}

export function refusalCode(error: unknown): string | undefined {
  return error instanceof CommandError ? error.code : undefined;
}
