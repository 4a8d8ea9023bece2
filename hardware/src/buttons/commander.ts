// Turns a button's action into the counter command the hub understands and sends it as the counter
// terminal's device, one command at a time so that "finish" then "call next" pressed in quick
// succession reach the hub in that order.
import { BUTTON_PAUSE_REASON, type ButtonAction, type CounterState } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';

export class ButtonCommander {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: Pick<ViknoClient, 'command'>) {}

  /** Resolves with the counter's state after the command; rejects with the hub's CommandError. */
  run(action: ButtonAction): Promise<CounterState> {
    const result = this.chain.then(() => this.send(action));
    this.chain = result.catch(() => undefined);
    return result.then((r) => r.counter);
  }

  private send(action: ButtonAction): Promise<{ counter: CounterState }> {
    const c = this.client;
    switch (action) {
      case 'callNext':
        return c.command('counter.callNext', {});
      case 'recall':
        return c.command('counter.recall', {});
      case 'start':
        return c.command('counter.start', {});
      case 'finish':
        return c.command('counter.finish', { outcomes: [] });
      case 'noShow':
        return c.command('counter.noShow', {});
      case 'pause':
        return c.command('counter.pause', { reason: BUTTON_PAUSE_REASON });
      case 'resume':
        return c.command('counter.resume', {});
    }
  }
}
