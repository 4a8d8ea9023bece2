// The live monitor's charts: today replayed from the record's events, a point every few minutes —
// how many wait and the longest wait in each top-level service group, the counters open, and the share
// of calls so far that came within the centre's target wait. Replayed rather than sampled, so that a
// hub restarted at noon still draws the morning.
import type { Config, DomainEvent, MonitorDay } from '@vikno/shared';

export const STEP_MINUTES = 5;

/** Each service's top-level group (a nested group counts under the group at the top). */
function topGroups(config: Config): Map<string, string> {
  const parent = new Map(config.serviceGroups.map((g) => [g.id, g.parent]));
  const top = (id: string): string => {
    const seen = new Set<string>();
    let g = id;
    for (let p = parent.get(g); p && !seen.has(p); p = parent.get(g)) {
      seen.add(g);
      g = p;
    }
    return g;
  };
  return new Map(config.services.map((s) => [s.id, top(s.group)]));
}

export function dayTimeline(events: readonly DomainEvent[], config: Config, day: string, now: number): MonitorDay {
  const step = STEP_MINUTES * 60_000;
  const target = config.queue.targetWaitMinutes * 60_000;
  const groupOf = topGroups(config);
  const tops = new Set(groupOf.values());
  const groups = config.serviceGroups.filter((g) => tops.has(g.id)).map((g) => g.id);
  const waiting = new Map<string, { group: string; queuedAt: number }>();
  const open = new Set<string>();
  let called = 0;
  let within = 0;
  const points: MonitorDay['points'] = [];

  const point = (at: number) => {
    const by = new Map(groups.map((g) => [g, { waiting: 0, longestWaitMs: 0 }]));
    for (const t of waiting.values()) {
      const g = by.get(t.group);
      if (!g) continue;
      g.waiting++;
      g.longestWaitMs = Math.max(g.longestWaitMs, at - t.queuedAt);
    }
    points.push({
      at,
      waiting: waiting.size,
      windowsOpen: open.size,
      withinTargetShare: called ? Math.round((within / called) * 1000) / 1000 : null,
      groups: groups.map((g) => by.get(g) ?? { waiting: 0, longestWaitMs: 0 }),
    });
  };

  let next: number | null = null;
  for (const e of events) {
    if (e.at > now) break;
    if (next === null) next = Math.floor(e.at / step) * step;
    // A point counts what happened at its instant too.
    while (next < e.at) {
      point(next);
      next += step;
    }
    switch (e.type) {
      case 'ticket.issued':
        waiting.set(e.ticket.id, { group: groupOf.get(e.ticket.service) ?? '', queuedAt: e.ticket.queuedAt });
        break;
      case 'ticket.called': {
        const t = waiting.get(e.ticketId);
        if (t) {
          called++;
          if (e.at - t.queuedAt <= target) within++;
        }
        waiting.delete(e.ticketId);
        break;
      }
      case 'ticket.transferred':
        waiting.set(e.ticketId, { group: groupOf.get(e.toService) ?? '', queuedAt: e.at });
        break;
      case 'ticket.expired':
        waiting.delete(e.ticketId);
        break;
      case 'counter.loggedIn':
      case 'counter.opened':
      case 'counter.resumed':
        open.add(e.counter);
        break;
      case 'counter.loggedOut':
      case 'counter.closed':
      case 'counter.paused':
        open.delete(e.counter);
        break;
      default:
        break;
    }
  }
  if (next !== null) {
    while (next < now) {
      point(next);
      next += step;
    }
    point(now);
  }
  return { day, stepMinutes: STEP_MINUTES, targetWaitMinutes: config.queue.targetWaitMinutes, groups, points };
}
