// The hub's daily copy of its record (config `backups`), so that a centre has backups without anyone
// setting them up: once a day after `at` in the site's time zone, `vikno-YYYY-MM-DD.db` in the backup
// folder, the oldest beyond `keep` deleted. A day whose copy exists is done; a hub started after
// `at` makes the day's copy at once.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupSettings } from '@vikno/shared';
import type { Logger } from 'pino';
import { wallTime } from '../appointments/hours.js';
import { dayOf } from '../engine/day.js';
import type { Clock } from '../engine/engine.js';
import { type BackupResult, backupDatabase } from './backup.js';

const CHECK_EVERY_MS = 60_000;
const COPY_NAME = /^vikno-\d{4}-\d{2}-\d{2}\.db$/;

/** For the admin monitor: when the newest copy in the folder was made, and the last failure since. */
export interface BackupStatus {
  lastCopyAt: number | null;
  failure: { at: number; error: string } | null;
}

export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<BackupResult | null> | null = null;
  private failure: BackupStatus['failure'] = null;

  constructor(
    private readonly settings: BackupSettings,
    private readonly database: string,
    /** The backup folder, resolved against the data folder. */
    private readonly folder: string,
    private readonly timeZone: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
    void this.check();
  }

  status(): BackupStatus {
    const newest = this.copies().at(-1);
    return { lastCopyAt: newest ? statSync(join(this.folder, newest)).mtimeMs : null, failure: this.failure };
  }

  /** Stops the schedule; a copy being made is finished first, so that none is left cut short. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Makes the day's copy when its time has come and it is not there yet; null when there is nothing to do. */
  check(): Promise<BackupResult | null> {
    this.running ??= this.copyIfDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async copyIfDue(): Promise<BackupResult | null> {
    const now = this.clock();
    if (wallTime(now, this.timeZone) < this.settings.at) return null;
    const out = join(this.folder, `vikno-${dayOf(now, this.timeZone)}.db`);
    if (existsSync(out)) return null;
    try {
      mkdirSync(this.folder, { recursive: true });
      const result = await backupDatabase(this.database, out, {
        progress: (written, total) => this.log.info({ written, total }, 'backup: copying'),
      });
      this.log.info({ ...result }, 'backup made');
      this.failure = null;
      this.prune();
      return result;
    } catch (err) {
      // Tried again at the next check: the log says so each time until it works.
      this.log.error({ err, out }, 'backup failed');
      this.failure = { at: this.clock(), error: (err as Error).message };
      return null;
    }
  }

  private prune(): void {
    for (const old of this.copies().slice(0, -this.settings.keep)) rmSync(join(this.folder, old));
  }

  /** The copies in the folder, oldest first (their names sort by day). */
  private copies(): string[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .filter((name) => COPY_NAME.test(name))
      .sort();
  }
}
