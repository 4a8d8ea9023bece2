import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { backupsSchema } from '@vikno/shared';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupSchedule } from './backup-schedule.js';
import { Store } from './store.js';
import { issued, tempDbFile, ticket } from './test-fixtures.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const KYIV = 'Europe/Kyiv';
/** Kyiv is UTC+2 in winter: 20:00 UTC is 22:00 there. */
const at = (day: string, utc: string) => Date.parse(`${day}T${utc}:00Z`);

function setUp(keep = 2) {
  const { file, dir, remove } = tempDbFile();
  cleanups.push(remove);
  const store = new Store(file);
  cleanups.push(() => store.close());
  const t = ticket('2026-12-01', 1);
  store.commit({ events: [issued(t)], tickets: [t] });
  let now = at('2026-12-01', '12:00');
  const folder = join(dir, 'backups');
  const schedule = new BackupSchedule(backupsSchema.parse({ at: '22:30', keep }), file, folder, KYIV, () => now, pino({ level: 'silent' }));
  cleanups.push(() => schedule.stop());
  return { schedule, folder, file, setNow: (t: number) => (now = t) };
}

describe('BackupSchedule', () => {
  it("makes the day's copy once its time has come in the site's zone, and only once", async () => {
    const { schedule, folder, setNow } = setUp();
    expect(await schedule.check()).toBeNull();
    setNow(at('2026-12-01', '20:29')); // 22:29 in Kyiv
    expect(await schedule.check()).toBeNull();
    expect(existsSync(folder)).toBe(false);
    setNow(at('2026-12-01', '20:30'));
    const made = await schedule.check();
    expect(made).toMatchObject({ file: join(folder, 'vikno-2026-12-01.db'), tickets: 1, events: 1 });
    setNow(at('2026-12-01', '21:45'));
    expect(await schedule.check()).toBeNull();
    expect(readdirSync(folder)).toEqual(['vikno-2026-12-01.db']);
  });

  it('makes one copy a day and keeps the newest `keep` of them', async () => {
    const { schedule, folder, setNow } = setUp(2);
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      setNow(at(day, '21:00'));
      expect(await schedule.check()).not.toBeNull();
    }
    expect(readdirSync(folder).sort()).toEqual(['vikno-2026-12-02.db', 'vikno-2026-12-03.db']);
  });

  it('answers a second check while a copy is being made with the same copy, not a second one', async () => {
    const { schedule, setNow } = setUp();
    setNow(at('2026-12-01', '21:00'));
    const [first, second] = await Promise.all([schedule.check(), schedule.check()]);
    expect(first).not.toBeNull();
    expect(second).toBe(first);
  });

  it('tells the monitor of a failure, and forgets it once a copy is made', async () => {
    const { schedule, setNow, file } = setUp();
    setNow(at('2026-12-01', '21:00'));
    expect(schedule.status()).toEqual({ lastCopyAt: null, failure: null });
    // The database moved away under it: the copy cannot be made.
    const moved = `${file}.away`;
    renameSync(file, moved);
    expect(await schedule.check()).toBeNull();
    expect(schedule.status().failure).toMatchObject({ at: at('2026-12-01', '21:00'), error: expect.stringMatching(/no database/) });
    renameSync(moved, file);
    setNow(at('2026-12-01', '21:01'));
    expect(await schedule.check()).not.toBeNull();
    // When the copy was written: the file's own time, so that a restarted hub still knows it.
    const { lastCopyAt, failure } = schedule.status();
    expect(failure).toBeNull();
    expect(Math.abs((lastCopyAt ?? 0) - Date.now())).toBeLessThan(60_000);
  });
});
