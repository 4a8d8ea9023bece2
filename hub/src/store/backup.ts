// A copy of the record that can be taken while the hub runs and restored by copying one file back:
// VACUUM INTO reads one snapshot of the database (in WAL mode the hub's commits go on meanwhile,
// https://www.sqlite.org/lang_vacuum.html#vacuuminto) and writes it compacted into a new file in
// rollback-journal mode, with no -wal beside it. SQLite's backup API would start over at every commit
// of the hub, so on a busy day it might never finish.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { compiledWorker } from './compiled-worker.js';

export interface BackupResult {
  file: string;
  bytes: number;
  tickets: number;
  events: number;
}

export interface BackupOptions {
  /** Bytes written so far, against the size of the database it copies (the copy is at most that). */
  progress?: (written: number, total: number) => void;
  everyMs?: number;
}

export async function backupDatabase(source: string, out: string, { progress, everyMs = 1000 }: BackupOptions = {}): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  // Never over an earlier backup: the one good copy may be the one that would be overwritten.
  if (existsSync(out)) throw new Error(`${out} already exists`);
  const total = databaseBytes(source);
  // Written under another name and renamed when whole: a copy cut short (the hub or the command
  // stopped) is never taken for a backup, nor for the day's copy already made.
  const part = `${out}.part`;
  rmSync(part, { force: true });
  const worker = new Worker(compiledWorker('backup-worker'), { workerData: { source, out: part } });
  const reporting = setInterval(() => {
    if (existsSync(part)) progress?.(statSync(part).size, total);
  }, everyMs);
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the backup thread stopped (exit code ${code})`)));
    });
  } catch (error) {
    rmSync(part, { force: true });
    throw error;
  } finally {
    clearInterval(reporting);
  }
  // A copy that fails its check keeps its .part name, for whoever looks into why.
  const checked = checkCopy(part);
  renameSync(part, out);
  return { ...checked, file: out };
}

function databaseBytes(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  } finally {
    db.close();
  }
}

/** Opens the copy on its own, as a restore would, and reads it through before calling it a backup. */
function checkCopy(file: string): BackupResult {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy at ${file} fails SQLite's integrity check: ${String(check)}`);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { file, bytes: statSync(file).size, tickets: count('tickets'), events: count('events') };
  } finally {
    db.close();
  }
}
