// The hub checks its record's audit chain each time it starts: a row edited by someone with the file
// (a case given to another registrar) is logged as an error naming the row, alerted on the admin
// monitor and marked in the reports — and the hub keeps serving. A log rewritten and re-hashed end to
// end passes `verify-audit`, but not the start: the last row a start verified no longer has its hash.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type ConfigInput, configSchema, topics } from '@vikno/shared';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../src/app.js';
import { type ChainedRow, GENESIS_HASH, rowHash } from '../src/audit/chain.js';
import { verifyAuditChain } from '../src/audit/verify.js';
import { closeClients, counterAt, demoConfigInput, demoMorning, device, tempDir, until } from './harness.js';

const input: ConfigInput = demoConfigInput();
const dataDir = input.dataDir as string;
const running: RunningHub[] = [];
let day: string;
let caseId: string;
let registrar: string;

/** A hub on `dir` whose log lines the test reads. */
async function start(dir: string) {
  const lines: { level: number; msg: string; seq?: number; day?: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  // On the demo's morning: in a real evening the kiosks refuse services whose last ticket has gone.
  const hub = await startHub(configSchema.parse({ ...input, dataDir: dir }), pino({ level: 'info' }, sink), demoMorning);
  running.push(hub);
  return { hub, errors: () => lines.filter((l) => l.level >= 50) };
}

async function stop(hub: RunningHub): Promise<void> {
  await closeClients();
  await hub.stop();
  running.splice(running.indexOf(hub), 1);
}

function copyOfRecord(): { dir: string; db: Database.Database } {
  const dir = tempDir();
  copyFileSync(join(dataDir, 'vikno.db'), join(dir, 'vikno.db'));
  const db = new Database(join(dir, 'vikno.db'));
  db.exec('DROP TRIGGER events_no_update');
  return { dir, db };
}

async function adminGet(hub: RunningHub, path: string): Promise<unknown> {
  const login = await fetch(`${hub.httpUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'petro', pin: '1234' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (await fetch(`${hub.httpUrl}/api/admin${path}`, { headers: { cookie } })).json();
}

const checkpoint = (db: Database.Database) => db.prepare('SELECT seq, hash FROM audit_checkpoint').get() as { seq: number; hash: string };
const tail = (db: Database.Database) =>
  db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };

beforeAll(async () => {
  const { hub } = await start(dataDir);
  const admin = await device(hub, 'admin-1');
  const assigned: { ticketId: string; registrar: string }[] = [];
  admin.subscribe(topics.caseEvent('demo', 'case.assigned'), (_t, e) => assigned.push(e as { ticketId: string; registrar: string }));
  await counterAt(hub, 'w5', 'halyna');
  await counterAt(hub, 'w6', 'serhii');
  const kiosk = await device(hub, 'kiosk-1');
  const t = await kiosk.command('ticket.issue', { service: 'land-plot-registration', language: 'uk' });
  const front = await counterAt(hub, 'w8', 'andrii');
  await front.command('counter.callTicket', { ticketId: t.ticket.id });
  await front.command('counter.finish', {});
  ({ ticketId: caseId, registrar } = await until(() => assigned[0], 5000, 'the draw'));
  day = hub.hub.state.day;
  await stop(hub);
});

afterAll(async () => {
  for (const hub of [...running]) await stop(hub);
});

describe('the audit chain at start', () => {
  it('checks a sound record without a word, and keeps the last row it verified', async () => {
    const before = new Database(join(dataDir, 'vikno.db'), { readonly: true });
    // The first start found an empty record: nothing verified to keep.
    expect(checkpoint(before)).toBeUndefined();
    before.close();
    const { hub, errors } = await start(dataDir);
    expect(errors()).toEqual([]);
    await stop(hub);
    const after = new Database(join(dataDir, 'vikno.db'), { readonly: true });
    // Everything the first run wrote was verified; this run wrote nothing after its check.
    expect(checkpoint(after)).toEqual(tail(after));
    expect(after.prepare('SELECT count(*) FROM audit_breaks').pluck().get()).toBe(0);
    after.close();
  });

  it('names an edited case row in an error, alerts the monitor, marks the day in the reports, and keeps serving', async () => {
    const { dir, db } = copyOfRecord();
    const forged = registrar === 'halyna' ? 'serhii' : 'halyna';
    const seq = db.prepare("SELECT seq FROM events WHERE type = 'case.assigned' AND ticket_id = ?").pluck().get(caseId) as number;
    db.prepare("UPDATE events SET data = json_set(data, '$.registrar', ?) WHERE seq = ?").run(forged, seq);
    db.close();

    for (let run = 0; run < 2; run++) {
      const { hub, errors } = await start(dir);
      expect(errors()).toEqual([
        expect.objectContaining({
          level: 50,
          seq,
          day,
          msg: `audit chain broken at event ${seq} (${day}): the record of that day is under question`,
        }),
      ]);
      // The hall goes on, serving the record as it stands.
      const kiosk = await device(hub, 'kiosk-1');
      expect((await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' })).ticket.day).toBe(day);
      const monitor = (await adminGet(hub, '/monitor')) as { alerts: { kind: string }[] };
      expect(monitor.alerts).toContainEqual({
        kind: 'record',
        day,
        seq,
        rows: 1,
        problem: expect.stringMatching(/content does not match its hash/),
      });
      const report = (await adminGet(hub, `/reports?from=${day}&to=${day}`)) as { recordUnderQuestion: string[] };
      expect(report.recordUnderQuestion).toEqual([day]);
      await stop(hub);
    }
  });

  it('catches a log rewritten and re-hashed up to the last verified row, which verify-audit alone cannot', async () => {
    const { dir, db } = copyOfRecord();
    const last = checkpoint(db);
    const first = db.prepare("SELECT seq FROM events WHERE type = 'case.assigned'").pluck().get() as number;
    expect(first).toBeLessThanOrEqual(last.seq);
    const forged = registrar === 'halyna' ? 'serhii' : 'halyna';
    db.prepare("UPDATE events SET data = json_set(data, '$.registrar', ?) WHERE seq = ?").run(forged, first);
    // Every hash from the edited row on, computed again as the attacker would.
    const rows = db.prepare<[], ChainedRow>('SELECT seq, day, at, type, ticket_id, counter_id, data FROM events ORDER BY seq').all();
    const set = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = rowHash(row, prev);
      set.run(prev, hash, row.seq);
      prev = hash;
    }
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    db.close();

    const { hub, errors } = await start(dir);
    expect(errors()).toEqual([expect.objectContaining({ seq: last.seq })]);
    const monitor = (await adminGet(hub, '/monitor')) as { alerts: { kind: string; problem?: string }[] };
    expect(monitor.alerts).toContainEqual(
      expect.objectContaining({ kind: 'record', problem: expect.stringMatching(/log up to it was rewritten/) }),
    );
    await stop(hub);
  });
});
