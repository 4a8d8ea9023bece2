// The live monitor's picture of the hall: each counter, each queue, each device, today's draw
// commitment, and the alerts a supervisor must act on — a wait past the centre's target, a kiosk
// printer out of (or low on) paper, a daily backup that failed, back-office cases no registrar can be
// drawn for, a day whose record failed the audit chain's check at start.
import type { Config, CounterState, DeviceRole } from '@vikno/shared';
import type { ChainBreak } from '../audit/start-check.js';
import type { QueueEngine } from '../engine/engine.js';
import type { BackupStatus } from '../store/backup-schedule.js';
import type { DeviceReport } from './device-watch.js';

export type Alert =
  | { kind: 'wait'; service: string; waitMinutes: number; targetMinutes: number }
  | { kind: 'paper'; device: string; state: 'out' | 'low' }
  | { kind: 'printer'; device: string; problem: string }
  | { kind: 'backup'; error: string }
  | { kind: 'cases'; waiting: number; minEligible: number }
  /** The first break found in a day's record, and how many rows of that day broke. */
  | { kind: 'record'; day: string; seq: number; problem: string; rows: number };

export interface MonitorSnapshot {
  at: number;
  targetWaitMinutes: number;
  counters: (Pick<CounterState, 'counter' | 'window' | 'zone' | 'status' | 'operator' | 'pauseReason' | 'since'> & {
    ticket: { number: string; service: string; status: string } | null;
    /** Open with no ticket: how long the counter has been idle. */
    idleMs: number | null;
  })[];
  queues: { service: string; waiting: number; oldestWaitMs: number | null; openCounters: number }[];
  devices: { id: string; role: DeviceRole; online: boolean | null; lastSeen: number | null; printer: DeviceReport['health'] }[];
  alerts: Alert[];
  /** Null when the hub makes no backups of its own (`backups.enabled: false`). */
  backup: { lastCopyAt: number | null } | null;
  /** The SHA-256 of the secret today's back-office draws come from, committed before any of them. */
  draw: { day: string; commitment: string | null };
}

export function monitorSnapshot(
  engine: QueueEngine,
  config: Config,
  report: (device: string) => DeviceReport,
  backup: BackupStatus | null,
  recordBreaks: readonly ChainBreak[],
): MonitorSnapshot {
  const at = engine.now();
  const target = config.queue.targetWaitMinutes;
  const counters = engine.counterIds().map((id) => {
    const k = engine.counterState(id);
    return {
      counter: k.counter,
      window: k.window,
      zone: k.zone,
      status: k.status,
      operator: k.operator,
      pauseReason: k.pauseReason,
      since: k.since,
      ticket: k.ticket ? { number: k.ticket.number, service: k.ticket.service, status: k.ticket.status } : null,
      idleMs: k.status === 'open' && !k.ticket ? at - k.since : null,
    };
  });
  const queues = config.services.map((s) => {
    const q = engine.queueSummary(s.id);
    return {
      service: s.id,
      waiting: q.waiting,
      oldestWaitMs: q.oldestQueuedAt === null ? null : at - q.oldestQueuedAt,
      openCounters: q.openCounters,
    };
  });
  const devices = config.devices.map((d) => {
    const r = report(d.id);
    return { id: d.id, role: d.role, online: r.presence ? r.presence.status === 'online' : null, lastSeen: r.lastSeen, printer: r.health };
  });
  const alerts: Alert[] = [];
  for (const q of queues) {
    if (q.oldestWaitMs !== null && q.oldestWaitMs > target * 60_000) {
      alerts.push({ kind: 'wait', service: q.service, waitMinutes: Math.floor(q.oldestWaitMs / 60_000), targetMinutes: target });
    }
  }
  for (const d of devices) {
    const p = d.printer?.printer;
    if (!p) continue;
    if (p.paperOut) alerts.push({ kind: 'paper', device: d.id, state: 'out' });
    else if (p.paperNearEnd) alerts.push({ kind: 'paper', device: d.id, state: 'low' });
    else if (p.problem) alerts.push({ kind: 'printer', device: d.id, problem: p.problem });
  }
  if (backup?.failure) alerts.push({ kind: 'backup', error: backup.failure.error });
  const waiting = engine.cases().filter((c) => c.status === 'open' && c.registrar === null).length;
  if (waiting) alerts.push({ kind: 'cases', waiting, minEligible: config.backOffice.minEligible });
  const days = new Map<string, Extract<Alert, { kind: 'record' }>>();
  for (const b of recordBreaks) {
    const seen = days.get(b.day);
    if (seen) seen.rows++;
    else days.set(b.day, { kind: 'record', day: b.day, seq: b.seq, problem: b.problem, rows: 1 });
  }
  alerts.push(...days.values());
  return {
    at,
    targetWaitMinutes: target,
    counters,
    queues,
    devices,
    alerts,
    backup: backup && { lastCopyAt: backup.lastCopyAt },
    draw: { day: engine.day, commitment: engine.drawCommitment },
  };
}
