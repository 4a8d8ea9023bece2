// The audit log's hash chain against a record written by a real hub: an intact chain passes, and a
// row changed or deleted by someone with the file (triggers dropped, as an attacker would) is found
// and pointed at, by the module and by `vikno-hub verify-audit` with its exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '@vikno/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/verify.js';
import { closeClients, counterAt, demoConfigInput, device, HUB_MAIN, REPO, runHub, tempDir, writeConfig } from './harness.js';

const input = demoConfigInput();
const dataDir = input.dataDir as string;

async function verifyCli(dir: string): Promise<{ code: number | null; stdout: string }> {
  const configFile = writeConfig({ ...input, dataDir: dir });
  const child = spawn(process.execPath, [HUB_MAIN, 'verify-audit', '--config', configFile], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout };
}

/** A copy of the hub's record to tamper with, as a file an attacker could reach. */
function copyOfRecord(): { dir: string; db: Database.Database } {
  const dir = tempDir();
  copyFileSync(join(dataDir, 'vikno.db'), join(dir, 'vikno.db'));
  return { dir, db: new Database(join(dir, 'vikno.db')) };
}

let events = 0;

beforeAll(async () => {
  const hub = await runHub(configSchema.parse(input));
  const kiosk = await device(hub, 'kiosk-1');
  for (let i = 0; i < 3; i++) await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
  const counter = await counterAt(hub, 'w1');
  await counter.command('counter.open', {});
  await counter.command('counter.callNext', {});
  await counter.command('counter.finish', {});
  await closeClients();
  await hub.stop();
  const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
  events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  db.close();
  expect(events).toBeGreaterThanOrEqual(6);
});

afterAll(() => closeClients());

describe('audit chain', () => {
  it('an intact chain passes: the module counts every event and the CLI exits 0', async () => {
    const { dir, db } = copyOfRecord();
    expect(verifyAuditChain(db)).toEqual({ ok: true, events });
    db.close();
    const cli = await verifyCli(dir);
    expect(cli.stdout.trim()).toBe(`audit chain ok: ${events} events`);
    expect(cli.code).toBe(0);
  });

  it('a row whose recorded event was edited is pointed at, and the CLI exits 1', async () => {
    const { dir, db } = copyOfRecord();
    const called = db.prepare("SELECT seq FROM events WHERE type = 'ticket.called'").pluck().get() as number;
    db.exec('DROP TRIGGER events_no_update');
    db.prepare(`UPDATE events SET data = replace(data, '"olena"', '"petro"') WHERE seq = ?`).run(called);
    const result = verifyAuditChain(db);
    db.close();
    expect(result).toMatchObject({ ok: false, seq: called, previousSeq: called - 1 });
    expect(result.ok || result.problem).toMatch(/content does not match its hash/);
    const cli = await verifyCli(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit chain broken at event ${called}:`);
  });

  it('an edited column is named with what the recorded event says', () => {
    const { db } = copyOfRecord();
    const finished = db.prepare("SELECT seq FROM events WHERE type = 'ticket.finished'").pluck().get() as number;
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET counter_id = 'w7' WHERE seq = ?").run(finished);
    const result = verifyAuditChain(db);
    db.close();
    expect(result).toMatchObject({ ok: false, seq: finished });
    expect(result.ok || result.problem).toContain('counter_id ("w7", the event says "w1")');
  });

  it('a deleted row is found at the row after it, naming the missing one', async () => {
    const { dir, db } = copyOfRecord();
    db.exec('DROP TRIGGER events_no_delete');
    db.prepare('DELETE FROM events WHERE seq = 2').run();
    const result = verifyAuditChain(db);
    db.close();
    expect(result).toMatchObject({ ok: false, seq: 3, previousSeq: 1 });
    expect(result.ok || result.problem).toMatch(/prev_hash does not match the hash of row 1.*\(row 2 is missing\)/);
    const cli = await verifyCli(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('audit chain broken at event 3:');
  });

  it('a data folder without a record is said in a line, and the CLI exits 1', async () => {
    const empty = tempDir();
    const result = await verifyCli(empty);
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe(`no database at ${join(empty, 'vikno.db')}: is the data folder right?`);
  });

  it('a hub restarted on the record continues the chain', async () => {
    const { dir, db } = copyOfRecord();
    db.close();
    const hub = await runHub(configSchema.parse({ ...input, dataDir: dir }));
    const kiosk = await device(hub, 'kiosk-2');
    await kiosk.command('ticket.issue', { service: 'residence-register', language: 'en' });
    await closeClients();
    await hub.stop();
    const cli = await verifyCli(dir);
    expect(cli.stdout.trim()).toBe(`audit chain ok: ${events + 1} events`);
    expect(cli.code).toBe(0);
  });
});
