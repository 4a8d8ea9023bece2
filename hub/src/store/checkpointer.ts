// SQLite checkpoints a WAL database in the commit that makes the log reach 1,000 pages: that commit
// (and, on the hub's single thread, every message behind it) waits while a thousand pages are copied
// and the database file is synced. The hub instead checkpoints from a worker thread a few times a
// second; its own connection keeps a larger automatic checkpoint only as a backstop, for when the
// log outgrows the thread (a passive checkpoint cannot finish while commits keep coming).
import { Worker } from 'node:worker_threads';
import { compiledWorker } from './compiled-worker.js';

/** Pages of WAL after which the hub's own connection checkpoints anyway. */
export const BACKSTOP_PAGES = 4000;
const EVERY_MS = 100;
/** How long stop() waits for the thread; it is never this slow unless a checkpoint has hung. */
const STOP_WAIT_MS = 5000;

export class Checkpointer {
  private readonly worker: Worker;
  /** Set by the thread once its connection is closed (checkpoint-worker.ts). */
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));

  constructor(file: string, onError: (error: Error) => void) {
    this.worker = new Worker(compiledWorker('checkpoint-worker'), { workerData: { file, everyMs: EVERY_MS, closed: this.closed } });
    this.worker.on('error', onError);
    // Never the reason the hub process stays up.
    this.worker.unref();
  }

  /**
   * Returns once the thread's connection is closed. Until then it may still open the database, or
   * checkpoint it, and so write its -wal and -shm files after the hub believes the store is shut: a
   * folder removed or a file copied at that moment would be caught half-written.
   */
  stop(): void {
    this.worker.postMessage('stop');
    // The thread runs on while this one blocks, so the wait ends as soon as it has closed.
    Atomics.wait(this.closed, 0, 0, STOP_WAIT_MS);
  }
}
