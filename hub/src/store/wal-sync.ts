// Makes commits durable off the hub's thread. In WAL mode, synchronous=FULL differs from NORMAL only
// by one sync of the log after each commit (https://www.sqlite.org/pragma.html#pragma_synchronous):
// NORMAL already syncs the log's header when the log restarts and around every checkpoint, which is
// what keeps the file consistent. The hub's connection runs NORMAL and does that one sync itself,
// on libuv's thread pool, so that its thread decides the next commands while the disk syncs; nothing
// is acknowledged before the sync that started after its commit has returned.
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

export type Fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WalSync {
  private readonly fd: number;
  /** Waiting for the next sync: they committed while the one running had already started. */
  private waiting: Waiter[] = [];
  private running = false;
  private closed = false;

  /**
   * `walFile` must exist (SQLite makes it when a WAL database is first read) and stays the same
   * file while any connection is open: SQLite only deletes it when the last connection closes.
   */
  constructor(
    walFile: string,
    private readonly sync: Fdatasync = fdatasync,
  ) {
    this.fd = openSync(walFile, 'r');
  }

  /** Resolves once everything committed before the call is on disk; commits made while a sync runs share the next one. */
  synced(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  /** Syncs before returning: for the rare commits made outside the command loop's group commit. */
  syncNow(): void {
    fdatasyncSync(this.fd);
  }

  /** Syncs what is still waiting; closes after the sync running, if any, so that its descriptor is not reused under it. */
  close(): void {
    this.closed = true;
    if (!this.running) this.finish();
  }

  private start(): void {
    const covered = this.waiting;
    this.waiting = [];
    this.running = true;
    this.sync(this.fd, (error) => {
      this.running = false;
      for (const w of covered) error ? w.reject(error) : w.resolve();
      if (this.closed) this.finish();
      else if (this.waiting.length) this.start();
    });
  }

  private finish(): void {
    const last = this.waiting;
    this.waiting = [];
    try {
      if (last.length) this.syncNow();
      for (const w of last) w.resolve();
    } catch (error) {
      for (const w of last) w.reject(error as Error);
    }
    closeSync(this.fd);
  }
}
