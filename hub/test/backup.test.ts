// `vikno-hub backup` against a running hub, as a centre runs it from cron: the hub keeps issuing
// tickets meanwhile; the copy passes the audit check and a hub started on it has the day back.
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '@vikno/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditFile } from '../src/audit/verify.js';
import { closeClients, demoConfigInput, device, runCli, runHub, tempDir, until, writeConfig } from './harness.js';

afterAll(() => closeClients());

describe('vikno-hub backup', () => {
  it('copies the record of a running hub, which a restored hub starts from', async () => {
    const input = demoConfigInput();
    const configFile = writeConfig(input);
    const hub = await runHub(configSchema.parse(input));
    const kiosk = await device(hub, 'kiosk-1');
    const issue = () => kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    for (let i = 0; i < 5; i++) await issue();

    const out = join(tempDir(), 'vikno-backup.db');
    const backingUp = runCli(['backup', '--config', configFile, '--out', out]);
    // The hub is not stopped for it: tickets keep coming while the copy is made.
    const during: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) during.push(issue());
    await Promise.all(during);
    const result = await backingUp;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = /backup ok: (.+), (\d+) tickets, (\d+) events, [\d.]+ MB in [\d.]+ s/.exec(result.stdout);
    expect(line?.[1]).toBe(out);
    const copied = Number(line?.[2]);
    expect(copied).toBeGreaterThanOrEqual(5);
    expect(copied).toBeLessThanOrEqual(10);
    await hub.stop();

    expect(verifyAuditFile(out)).toMatchObject({ code: 0 });
    // A restore: the copy as the record of a new data folder; the hub replays the day from it.
    const restoredDir = tempDir();
    mkdirSync(restoredDir, { recursive: true });
    renameSync(out, join(restoredDir, 'vikno.db'));
    const restored = await runHub(configSchema.parse({ ...input, dataDir: restoredDir }));
    try {
      expect(restored.hub.state.waitingTickets('residence-register')).toHaveLength(copied);
    } finally {
      await restored.stop();
    }
  });

  it('refuses to run without --out, and over an existing file', async () => {
    const input = demoConfigInput();
    const configFile = writeConfig(input);
    const hub = await runHub(configSchema.parse(input));
    await hub.stop();
    const none = await runCli(['backup', '--config', configFile]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('vikno-hub: missing --out FILE\nSee vikno-hub backup --help.\n');
    const first = join(tempDir(), 'a.db');
    expect((await runCli(['backup', '--config', configFile, '--out', first])).code).toBe(0);
    const again = await runCli(['backup', '--config', configFile, '--out', first]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('already exists');
  });

  it("is made by the hub itself each day: one started after the time makes the day's copy at once", async () => {
    const input = { ...demoConfigInput(), backups: { enabled: true, at: '22:30', keep: 3 } };
    // 23:00 in Kyiv (UTC+2 in December).
    const clock = () => Date.parse('2026-12-01T21:00:00Z');
    const hub = await runHub(configSchema.parse(input), clock);
    const folder = join(input.dataDir as string, 'backups');
    try {
      await until(() => existsSync(join(folder, 'vikno-2026-12-01.db')));
    } finally {
      await hub.stop();
    }
    expect(readdirSync(folder)).toEqual(['vikno-2026-12-01.db']);
    expect(verifyAuditFile(join(folder, 'vikno-2026-12-01.db'))).toMatchObject({ code: 0 });
  });
});
