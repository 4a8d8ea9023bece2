// The hub's one queue of work: commands, HTTP changes, config changes and the day's rollover each
// run alone, strictly in the order they arrived, so that the engine never sees two at once.
import type { Logger } from 'pino';

export interface LoopHooks {
  /** Before a job that must not share a batch with the commands before it (the batch is written first). */
  beforeUnbatched(): void;
  /** When the last queued job has finished: the batch may be written. */
  drained(): void;
}

export class CommandLoop {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly hooks: LoopHooks,
    private readonly log: Logger,
  ) {}

  /** Jobs queued and not yet finished. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /**
   * Runs `job` after every job queued before it. A plain command is `batched`: it joins the commands
   * before it in one write; anything else has that batch written first.
   */
  enqueue(job: () => void | Promise<void>, batched: boolean): void {
    const failed = (error: unknown) => this.log.error({ err: error }, 'command loop');
    this.queued++;
    this.tail = this.tail
      .then(() => {
        if (!batched) this.hooks.beforeUnbatched();
        return job();
      })
      .catch(failed)
      .then(() => {
        if (--this.queued === 0) this.hooks.drained();
      })
      .catch(failed);
  }

  /**
   * A job whose caller waits for its outcome (an HTTP request). `job` does its work before it returns;
   * the promise it returns is only its answer's release (once on disk and published), which the
   * loop does not wait for. The outcome settles whatever the job does: no request waits for ever on
   * a job that threw.
   */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(() => {
        try {
          job().then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      }, false);
    });
  }

  /** Resolves when the jobs queued so far have run. */
  settled(): Promise<void> {
    return this.tail;
  }
}
