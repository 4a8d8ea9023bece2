// A hub killed with SIGKILL in the middle of a stream of issue commands loses no acknowledged ticket,
// and a kiosk retrying its unanswered commands with the same ids after the restart gets no duplicate.
import { join } from 'node:path';
import type { CommandResult, ConfigInput } from '@vikno/shared';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { closeClients, demoConfigInput, device, freePort, type HubProcess, spawnHub, until, writeConfig } from './harness.js';

type Issued = CommandResult<'ticket.issue'>;
const SERVICE = 'consultation';
const hubs: HubProcess[] = [];

afterAll(async () => {
  await closeClients();
  await Promise.all(hubs.map((h) => h.stop('SIGKILL')));
});

describe('durability', () => {
  it('keeps every acknowledged ticket exactly once across a SIGKILL, numbers without gaps or repeats', async () => {
    // A centre that publishes no opening hours: its kiosk issues whatever hour the test runs at (the
    // hub here is its own process, on the real clock).
    const demo = demoConfigInput();
    const input: ConfigInput = { ...demo, site: { ...demo.site, businessHours: {} } };
    const dataDir = input.dataDir as string;
    const configFile = writeConfig(input);
    const ports = { httpPort: await freePort(), mqttPort: await freePort() };
    const first = await spawnHub({ configFile, dataDir, ...ports });
    hubs.push(first);
    const kiosk = await device(first, 'kiosk-1');

    const acked = new Map<string, Issued>();
    const sent: string[] = [];
    let killed = false;
    const issue = async (id: string) => {
      sent.push(id);
      try {
        acked.set(id, await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' }, { id, timeoutMs: 1500 }));
      } catch {
        // Unanswered: the hub died with it in flight. Retried below.
      }
    };
    // The kill lands with commands just sent: the hub answers a batch together, so the commands of the
    // other workers may all be answered by the time the last answer before the kill arrives.
    let lastOnes: Promise<void>[] = [];
    // Four commands in flight at a time, as several kiosks would keep the hub busy.
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        await issue(`durable-${w}-${String(i).padStart(5, '0')}`);
        if (acked.size >= 120 && !killed) {
          killed = true;
          lastOnes = [0, 1, 2].map((k) => issue(`durable-last-${k}`));
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    await Promise.all(lastOnes);
    await first.stop('SIGKILL');
    const unanswered = sent.filter((id) => !acked.has(id));
    expect(acked.size).toBeGreaterThanOrEqual(120);
    // The kill lands with the other workers' commands in flight, so the retry path below is exercised.
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await spawnHub({ configFile, dataDir, ...ports });
    hubs.push(second);
    await until(() => kiosk.mqtt.connected, 10_000, 'the kiosk to reconnect');
    // The kiosk retries what went unanswered, with the same ids.
    const retried = new Map<string, Issued>();
    for (const id of unanswered) retried.set(id, await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' }, { id }));
    // A repeated id already acknowledged before the crash gets the same ticket back, not a new one.
    const [someId, someTicket] = [...acked.entries()][7] ?? [];
    expect((await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' }, { id: someId })).ticket.id).toBe(
      someTicket?.ticket.id,
    );
    const after = await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' });

    const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
    const issued = db
      .prepare(
        "SELECT json_extract(data, '$.ticket.id') AS id, json_extract(data, '$.ticket.number') AS number FROM events WHERE type = 'ticket.issued' ORDER BY seq",
      )
      .all() as {
      id: string;
      number: string;
    }[];
    db.close();

    const byId = new Map(issued.map((r) => [r.id, r.number]));
    expect(byId.size).toBe(issued.length);
    for (const t of acked.values()) expect(byId.get(t.ticket.id)).toBe(t.ticket.number);
    const answered = [...acked.values(), ...retried.values()];
    expect(new Set(answered.map((t) => t.ticket.id)).size).toBe(answered.length);
    // Every stored ticket belongs to exactly one command: nothing was issued twice for one tap.
    expect(issued.length).toBe(answered.length + 1);
    const seqs = issued.map((r) => Number(r.number.split('-').at(-1)));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(after.ticket.number.endsWith(String(issued.length).padStart(3, '0'))).toBe(true);
  });
});
