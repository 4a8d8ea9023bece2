// Group commit: the commands that arrive together (while the disk synced the ones before) are
// decided one by one, then written in one transaction; their answers and state go out once the disk
// has synced it (store.ts). The next commands are decided while it syncs, and written after.
import type { DomainEvent, Ticket } from '@vikno/shared';
import type { Logger } from 'pino';
import type { QueueEngine } from '../engine/engine.js';
import type { Commit, Store } from '../store/store.js';
import type { Changes, Outbox } from './outbox.js';

interface Entry {
  commit?: Commit;
  /** Once the batch is on disk. */
  done: () => void;
  /** When it could not be written, or the disk did not confirm it (`done` when absent). */
  failed?: () => void;
}

export interface GroupCommitHooks {
  /** What the batch's events changed, as the state stands when it is written. */
  changes(events: readonly DomainEvent[]): Changes;
  /** A write failed: the state is ahead of the record and must be rebuilt from it. */
  writeFailed(): void;
  /** Whether the command loop has nothing queued: a batch is written only then (or before an unbatched job). */
  loopIdle(): boolean;
}

export class GroupCommit {
  private readonly entries: Entry[] = [];
  /** The batch's answers by `device id`, for a command repeated within the batch. */
  private readonly replies = new Map<string, string>();
  private events: DomainEvent[] = [];
  /** Batches written whose sync has not returned: while there is one, the next batch waits. */
  private syncing = 0;
  private flushScheduled = false;

  constructor(
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly hooks: GroupCommitHooks,
    private readonly log: Logger,
  ) {}

  /** Anything decided and not yet on disk. */
  get pending(): boolean {
    return this.entries.length > 0 || this.syncing > 0;
  }

  /** The answer to a command decided in this batch and not yet written. */
  replyOf(key: string): string | undefined {
    return this.replies.get(key);
  }

  /** A decided command: `done` once its batch is on disk, `failed` if it never gets there. */
  add(key: string, commit: Commit, done: () => void, failed: () => void): void {
    this.entries.push({ commit, done, failed });
    if (commit.reply) this.replies.set(key, commit.reply.body);
    this.events.push(...commit.events);
  }

  /** Runs `then` once everything decided so far is on disk (at once when nothing is pending). */
  afterCommit(then: () => void): void {
    if (this.entries.length) this.entries.push({ done: then });
    else this.outbox.later(then);
  }

  /**
   * Once the loop is empty, the batch is written at the end of this turn of the event loop, after
   * every message that arrived in it: commands from many devices share one transaction even when the
   * broker hands them over a promise step apart, as the embedded broker does. While the disk syncs
   * the batch before, the batch keeps growing: it is written when that sync returns.
   */
  flushWhenIdle(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.hooks.loopIdle() && this.syncing === 0) this.flush();
    });
  }

  /**
   * Writes the batch in one transaction; once the disk has synced it, answers its commands and
   * publishes what changed, as it stood when written.
   */
  flush(): void {
    if (!this.entries.length) return;
    const batch = this.entries.splice(0);
    const events = this.events;
    this.events = [];
    this.replies.clear();
    let synced: Promise<void>;
    try {
      synced = this.store.commitAll(batch.flatMap((b) => (b.commit ? [b.commit] : [])));
    } catch (error) {
      this.log.error({ err: error, commands: batch.length }, 'commit failed; state reloaded from the record');
      this.hooks.writeFailed();
      this.outbox.later(() => {
        for (const b of batch) (b.failed ?? b.done)();
      });
      return;
    }
    this.log.debug({ commands: batch.length }, 'batch written');
    const changes = this.hooks.changes(events);
    this.syncing++;
    this.outbox
      .whenOnDisk(synced, (onDisk) =>
        // Written, so the record and the state agree; but when the disk did not confirm it, no
        // command is told it succeeded. A device repeating one gets the recorded answer.
        this.outbox.deliver(changes, () => {
          for (const b of batch) (onDisk ? b.done : (b.failed ?? b.done))();
        }),
      )
      .then(() => {
        if (--this.syncing === 0 && this.hooks.loopIdle()) this.flush();
      });
  }
}

/** The tickets the events changed, as they stand now: the rows the store keeps in step with the log. */
export function ticketsTouched(events: readonly DomainEvent[], engine: QueueEngine): Ticket[] {
  const ids = new Set(events.flatMap((e) => ('ticketId' in e ? [e.ticketId] : e.type === 'ticket.issued' ? [e.ticket.id] : [])));
  return [...ids].map((id) => engine.ticket(id));
}
