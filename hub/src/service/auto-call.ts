// The hub's side of auto-call (the rule is the engine's: engine/auto-call.ts). A timer asks the
// engine which windows' countdowns have ended with someone to call, and queues each call behind the
// commands, decided again there and committed and published like an operator's own call next. It
// looks again only when the state has changed or a countdown has ended since it last looked.
import type { Logger } from 'pino';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { Hub } from './hub.js';

/** How often the timer looks: the longest a due window waits beyond its countdown. */
const EVERY_MS = 500;

export class AutoCaller {
  private timer: NodeJS.Timeout | undefined;
  /** What the last look saw: nothing to do until the state changes or `until` passes. */
  private seen: { engine: QueueEngine; version: number; until: number } | undefined;
  /** Calls queued and not yet decided: the next look waits for them. */
  private pending = 0;

  constructor(
    private readonly hub: Hub,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.look(), EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private look(): void {
    if (this.pending) return;
    const engine = this.hub.state;
    const now = engine.now();
    const seen = this.seen;
    if (seen && seen.engine === engine && seen.version === engine.version && now < seen.until) return;
    const due = engine.autoCallsDue();
    this.seen = { engine, version: engine.version, until: engine.nextAutoCallAt() ?? Number.POSITIVE_INFINITY };
    for (const counter of due) {
      this.pending++;
      this.hub
        .perform((e) => ({ events: e.autoCall(counter), result: () => undefined }))
        .then(
          () => this.log.info({ counter }, 'auto-call'),
          // Someone else took the ticket first, or the operator acted: nothing to call any more.
          (err: unknown) => {
            if (err instanceof EngineError) this.log.debug({ counter, code: err.code }, 'auto-call not made');
            else this.log.error({ err, counter }, 'auto-call failed');
          },
        )
        .finally(() => this.pending--);
    }
  }
}
