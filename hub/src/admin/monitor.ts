// The live monitor's picture of the hall: each counter, each queue, each device, today's draw
// commitment, and the alerts a supervisor must act on — a wait past the centre's target, a kiosk
// printer out of (or low on) paper, a daily backup that failed, back-office cases no registrar can be
// drawn for, a day whose record failed the audit chain's check at start.
import type { Config, MonitorAlert, MonitorSnapshot } from '@vikno/shared';
import type { ChainBreak } from '../audit/start-check.js';
import type { QueueEngine } from '../engine/engine.js';
import type { BackupStatus } from '../store/backup-schedule.js';
import type { DeviceReport } from './device-watch.js';

/** A device that talks over HTTP only (a feedback tablet polls every 2 s) is online while its requests keep coming. */
export const HTTP_CONTACT_MS = 30_000;

/**
 * A device's last contact: connected over MQTT (since when), or its latest request over HTTP, or —
 * neither now — whichever of the two it was seen by last.
 */
function contact(r: DeviceReport, at: number): Pick<MonitorSnapshot['devices'][number], 'online' | 'lastSeen' | 'via'> {
  if (r.presence?.status === 'online') return { online: true, lastSeen: r.lastSeen, via: 'mqtt' };
  if (r.lastRequest !== null && (r.lastSeen === null || r.lastRequest >= r.lastSeen))
    return { online: at - r.lastRequest <= HTTP_CONTACT_MS, lastSeen: r.lastRequest, via: 'http' };
  if (r.presence) return { online: false, lastSeen: r.lastSeen, via: 'mqtt' };
  return { online: null, lastSeen: null, via: null };
}

export function monitorSnapshot(
  engine: QueueEngine,
  config: Config,
  report: (device: string) => DeviceReport,
  backup: BackupStatus | null,
  recordBreaks: readonly ChainBreak[],
  catalogue: MonitorSnapshot['catalogue'] = null,
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
  const devices = config.devices.map((d) => ({ id: d.id, role: d.role, ...contact(report(d.id), at), printer: report(d.id).health }));
  const alerts: MonitorAlert[] = [];
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
  const days = new Map<string, Extract<MonitorAlert, { kind: 'record' }>>();
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
    catalogue,
  };
}
