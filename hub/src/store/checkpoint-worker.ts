// The checkpointer's thread (checkpointer.ts): copies committed pages from the WAL into the database
// file with a connection of its own, so that no commit of the hub pays for it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, everyMs, closed } = workerData as { file: string; everyMs: number; closed: Int32Array };
// Told to the hub's thread, which waits for it in stop(), however this thread ends.
process.once('exit', () => {
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
});
const db = new Database(file);
// PASSIVE: as many frames as possible without waiting for the hub's reads or writes
// (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html).
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), everyMs);
parentPort?.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
