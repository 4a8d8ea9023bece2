// The back-office draw across a day, through the real hub with a clock the test moves on: the day's
// commitment on the admin monitor and in the record, its secret revealed when the day closes, the
// open cases carried into the next day, and `vikno-hub verify-draws` recomputing every draw — and
// naming a draw altered in the record, by its registrar or by its list of who could take it.
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigInput, configSchema, type DomainEvent, type EventOf, topics } from '@vikno/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { dayBounds } from '../src/engine/day.js';
import { closeClients, counterAt, demoConfigInput, demoMorning, device, runCli, runHub, tempDir, until, writeConfig } from './harness.js';

const input: ConfigInput = demoConfigInput();
const dataDir = input.dataDir as string;
const configFile = writeConfig(input);
let offset = 0;
// From the demo centre's Monday morning, so the kiosk issues whenever the test runs.
const clock = () => demoMorning() + offset;
let hub: RunningHub;
let day: string;
let nextDay: string;
const caseEvents: DomainEvent[] = [];
/** The cases open when the day closed, and their holders' tokens. */
let open: { id: string; token: string; registrar: string }[] = [];
let monitorCommitment: string | null = null;

const verify = (dir: string, d: string) => runCli(['verify-draws', '--day', d, '--config', configFile, '--data-dir', dir]);

/** A copy of the record to alter, as someone with the file could: triggers dropped first. */
function copyOfRecord(): { dir: string; db: Database.Database } {
  const dir = tempDir();
  copyFileSync(join(dataDir, 'vikno.db'), join(dir, 'vikno.db'));
  const db = new Database(join(dir, 'vikno.db'));
  db.exec('DROP TRIGGER events_no_update');
  return { dir, db };
}

beforeAll(async () => {
  const config = configSchema.parse(input);
  hub = await runHub(config, clock);
  const admin = await device(hub, 'admin-1');
  admin.subscribe(topics.caseEvent('demo', '#'), (_t, payload) => caseEvents.push(payload as DomainEvent));
  await counterAt(hub, 'w5', 'halyna');
  await counterAt(hub, 'w6', 'serhii');
  const kiosk = await device(hub, 'kiosk-1');
  const front = await counterAt(hub, 'w8', 'andrii');
  const issued = [];
  for (let i = 0; i < 5; i++) {
    const t = await kiosk.command('ticket.issue', { service: 'land-plot-registration', language: 'uk' });
    await front.command('counter.callTicket', { ticketId: t.ticket.id });
    await front.command('counter.finish', {});
    issued.push(t);
  }
  const drawn = await until(
    () => {
      const a = caseEvents.filter((e): e is EventOf<'case.assigned'> => e.type === 'case.assigned');
      return a.length === 5 ? a : undefined;
    },
    5000,
    'five draws',
  );
  await admin.command('case.ready', { caseId: issued[0]!.ticket.id });
  open = issued
    .slice(1)
    .map((t) => ({ id: t.ticket.id, token: t.token, registrar: drawn.find((a) => a.ticketId === t.ticket.id)!.registrar }));

  const login = await fetch(`${hub.httpUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'petro', pin: '1234' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  monitorCommitment = (
    (await (await fetch(`${hub.httpUrl}/api/admin/monitor`, { headers: { cookie } })).json()) as { draw: { commitment: string } }
  ).draw.commitment;

  // The next morning, when the kiosks issue again: the next command turns the day.
  day = hub.hub.state.day;
  offset += dayBounds(clock(), config.site.timezone).end + 10 * 3_600_000 - clock();
  await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
  await hub.hub.idle();
  nextDay = hub.hub.state.day;
});

let stopped = false;
async function stopHub(): Promise<void> {
  if (stopped) return;
  stopped = true;
  await closeClients();
  await hub?.stop();
}

afterAll(stopHub);

describe('a day of draws', () => {
  it('commits to the day’s secret before its first draw, on the admin monitor and in the record', () => {
    const events = hub.hub.record.eventsOfDay(day);
    const committed = events.filter((e) => e.type === 'draw.committed');
    expect(committed).toHaveLength(1);
    const commitment = committed[0]?.type === 'draw.committed' ? committed[0].commitment : '';
    expect(monitorCommitment).toBe(commitment);
    const firstDraw = events.findIndex((e) => e.type === 'case.assigned');
    expect(events.findIndex((e) => e.type === 'draw.committed')).toBeLessThan(firstDraw);
  });

  it('reveals the secret when the day closes, and commits to a new one for the next day', () => {
    expect(nextDay).not.toBe(day);
    const events = hub.hub.record.eventsOfDay(day);
    const committed = events.find((e): e is EventOf<'draw.committed'> => e.type === 'draw.committed')!;
    const revealed = events.find((e): e is EventOf<'draw.revealed'> => e.type === 'draw.revealed')!;
    expect(revealed.commitment).toBe(committed.commitment);
    expect(createHash('sha256').update(Buffer.from(revealed.secret, 'hex')).digest('hex')).toBe(committed.commitment);
    expect(events.at(-1)).toMatchObject({ type: 'day.closed', day });
    expect(hub.hub.state.drawCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(hub.hub.state.drawCommitment).not.toBe(committed.commitment);
  });

  it('carries the cases open at closing into the next day, with their registrars and tracking links', async () => {
    expect(hub.hub.state.cases().map((c) => [c.id, c.registrar, c.status])).toEqual(open.map((c) => [c.id, c.registrar, 'open']));
    for (const c of open) {
      const track = (await (await fetch(`${hub.httpUrl}/api/track/${c.token}`)).json()) as Record<string, unknown>;
      expect(track).toMatchObject({ status: 'finished', inProcessing: true });
    }
    // The registrar finishes a carried case on the new day: the citizen's link follows to the pickup ticket.
    const c = open[0]!;
    const desk = await counterAt(hub, c.registrar === 'halyna' ? 'w5' : 'w6', c.registrar);
    const ready = await desk.command('case.ready', { caseId: c.id });
    expect(ready.ticket).toMatchObject({ day: nextDay, service: 'pickup-documents' });
    const track = (await (await fetch(`${hub.httpUrl}/api/track/${c.token}`)).json()) as Record<string, unknown>;
    expect(track).toMatchObject({ number: ready.ticket.number, inProcessing: false });
  });
});

describe('vikno-hub verify-draws', () => {
  beforeAll(stopHub);

  it('recomputes every draw of a closed day from its revealed secret and says they all follow', async () => {
    const result = await verify(dataDir, day);
    expect(result.stdout.trim()).toBe(`${day}: all 5 draws follow from the commitment`);
    expect(result.code).toBe(0);
  });

  it('says a day still open cannot be checked yet', async () => {
    const result = await verify(dataDir, nextDay);
    expect(result.stdout.trim()).toBe(`${nextDay} is not closed yet: its draw secret is revealed when the day closes`);
    expect(result.code).toBe(1);
  });

  it('names a draw whose registrar was altered in the record', async () => {
    const { dir, db } = copyOfRecord();
    // The day's last draw: no later draw's recorded loads depend on it.
    const victim = open[3]!;
    const forged = victim.registrar === 'halyna' ? 'serhii' : 'halyna';
    db.prepare(`UPDATE events SET data = json_set(data, '$.registrar', ?) WHERE type = 'case.assigned' AND ticket_id = ?`).run(
      forged,
      victim.id,
    );
    db.close();
    const result = await verify(dir, day);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`draw of case ${victim.id} (given to ${forged}): the commitment gives it to ${victim.registrar}`);
    expect(result.stdout).toContain(`${day}: 1 problem(s) in 5 draws`);
  });

  it('names a draw made from a list that left a registrar out, even when the registrar follows from it', async () => {
    const { dir, db } = copyOfRecord();
    const victim = open[2]!;
    db.prepare(`UPDATE events SET data = json_set(data, '$.draw.eligible', json(?)) WHERE type = 'case.assigned' AND ticket_id = ?`).run(
      JSON.stringify([{ registrar: victim.registrar, open: 0 }]),
      victim.id,
    );
    db.close();
    const result = await verify(dir, day);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `draw of case ${victim.id} \\(given to ${victim.registrar}\\): the record lists ${victim.registrar} \\(0 open\\) as able to take it, but the day's record says halyna \\(\\d+ open\\), serhii \\(\\d+ open\\)`,
      ),
    );
  });

  it('refuses a day that is not a day', async () => {
    const result = await verify(dataDir, 'yesterday');
    expect(result).toMatchObject({ code: 1, stdout: '--day must be a day as YYYY-MM-DD, not "yesterday"\n' });
  });
});
