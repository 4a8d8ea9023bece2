// Whether the hub's messages are getting through to the broker, for /api/health: being connected is
// not enough. An mqtt.js client can stay connected while every publish waits for ever behind one it
// could not write, and aedes holds a publish until every subscriber has taken it.

export interface BusHealth {
  connected: boolean;
  /** Connected, no message waiting on the broker longer than the stall limit, and the last publish did not fail. */
  canPublish: boolean;
  /** Messages handed to the broker and not yet acknowledged. */
  waiting: number;
  /** How long the oldest of them has waited; 0 when none. */
  oldestWaitingMs: number;
  /** The last publish that failed (not counting topics refused before sending), or null. */
  lastFailure: { at: number; error: string } | null;
}

/** A QoS 1 publish takes well under a millisecond on a hall's network; one waiting this long is stuck. */
export const STALLED_AFTER_MS = 5000;

export class PublishTracker {
  private readonly waiting = new Map<number, number>();
  private next = 0;
  /** Whether the publish that settled last failed. */
  private failedLast = false;
  private lastFailure: BusHealth['lastFailure'] = null;

  constructor(
    private readonly stalledAfterMs = STALLED_AFTER_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Runs `send`, a throw included, as one publish to watch; settles as it does. */
  async track(send: () => Promise<void>): Promise<void> {
    const id = this.next++;
    this.waiting.set(id, this.clock());
    try {
      await send();
      this.failedLast = false;
    } catch (error) {
      this.failedLast = true;
      this.lastFailure = { at: this.clock(), error: error instanceof Error ? error.message : String(error) };
      throw error;
    } finally {
      this.waiting.delete(id);
    }
  }

  health(connected: boolean): BusHealth {
    // Insertion order: the first entry is the oldest.
    const oldest = this.waiting.values().next();
    const oldestWaitingMs = oldest.done ? 0 : this.clock() - oldest.value;
    return {
      connected,
      canPublish: connected && oldestWaitingMs < this.stalledAfterMs && !this.failedLast,
      waiting: this.waiting.size,
      oldestWaitingMs,
      lastFailure: this.lastFailure,
    };
  }
}
