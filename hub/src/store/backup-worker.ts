// The backup's thread (backup.ts): VACUUM INTO blocks its connection for as long as it copies, so it
// runs here while the caller reports progress.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { source, out } = workerData as { source: string; out: string };
const db = new Database(source, { readonly: true, fileMustExist: true });
try {
  db.prepare('VACUUM INTO ?').run(out);
} finally {
  db.close();
}
parentPort?.postMessage('done');
