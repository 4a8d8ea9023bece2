// What the region's overview shows of this hall now (shared/src/central.ts, `centralLiveSchema`),
// made from the engine and the config as they stand, and from the devices' own reports.
import type { CentralLive, Config } from '@vikno/shared';
import type { DeviceWatch } from '../admin/device-watch.js';
import { hoursOf } from '../appointments/hours.js';
import type { QueueEngine } from '../engine/engine.js';

export interface LiveSource {
  site: string;
  engine: QueueEngine;
  config: Config;
  devices: DeviceWatch;
  catalogueVersion: string | null;
}

export function liveSummary({ site, engine, config, devices, catalogueVersion }: LiveSource): CentralLive {
  const now = engine.now();
  const day = engine.day;
  const targetMs = config.queue.targetWaitMinutes * 60_000;
  const today = { issued: 0, called: 0, withinTarget: 0, targetMinutes: config.queue.targetWaitMinutes };
  for (const t of engine.tickets()) {
    if (t.day !== day) continue;
    today.issued++;
    if (t.calledAt === null) continue;
    today.called++;
    if (t.calledAt - t.issuedAt <= targetMs) today.withinTarget++;
  }
  const counters = engine.counterIds().map((id) => ({ id, open: engine.counterState(id).status === 'open' }));
  const openCounters = new Set(counters.filter((k) => k.open).map((k) => k.id));
  const services = config.services.map((s) => {
    const q = engine.queueSummary(s.id);
    return {
      id: s.id,
      group: s.group,
      name: s.names,
      waiting: q.waiting,
      longestWaitSeconds: q.oldestQueuedAt === null ? 0 : Math.max(0, Math.round((now - q.oldestQueuedAt) / 1000)),
      estimatedWaitMinutes: q.estimatedWaitMinutes,
    };
  });
  const groups = config.serviceGroups.map((g) => {
    const own = services.filter((s) => s.group === g.id);
    const ids = new Set(own.map((s) => s.id));
    const estimates = own.filter((s) => s.waiting > 0 || s.estimatedWaitMinutes !== null).map((s) => s.estimatedWaitMinutes);
    const windows = config.counters.filter((k) => openCounters.has(k.id) && k.services.some((x) => ids.has(x.service)));
    return {
      id: g.id,
      name: g.names,
      waiting: own.reduce((n, s) => n + s.waiting, 0),
      longestWaitSeconds: Math.max(0, ...own.map((s) => s.longestWaitSeconds)),
      // The longest of its services' estimates: a visitor of the group may need any of them.
      estimatedWaitMinutes: estimates.some((e) => e === null) || !estimates.length ? null : Math.max(...(estimates as number[])),
      windowsOpen: windows.length,
    };
  });
  const sorted = [...hoursOf(config, day)].sort((a, b) => a[0].localeCompare(b[0]));
  return {
    site,
    at: now,
    name: config.site.name,
    timezone: config.site.timezone,
    hours: sorted.length ? { opens: sorted[0]![0], closes: sorted.at(-1)![1] } : null,
    openNow: engine.opening().openNow,
    catalogueVersion,
    windowsOpen: openCounters.size,
    windowsTotal: counters.length,
    today,
    groups,
    services: services.map(({ estimatedWaitMinutes: _, ...s }) => s),
    deviceAlerts: deviceAlerts(config, devices),
  };
}

/** Devices gone offline, and kiosks whose printer needs someone. */
function deviceAlerts(config: Config, devices: DeviceWatch): CentralLive['deviceAlerts'] {
  const alerts: CentralLive['deviceAlerts'] = [];
  for (const d of config.devices) {
    const r = devices.report(d.id);
    if (r.presence?.status === 'offline') alerts.push({ device: d.id, kind: 'offline', since: r.lastSeen ?? 0 });
    const p = r.health?.printer;
    if (!p || !r.health) continue;
    const since = Date.parse(r.health.at);
    if (p.paperOut) alerts.push({ device: d.id, kind: 'paper_out', since });
    else if (p.paperNearEnd) alerts.push({ device: d.id, kind: 'paper_low', since });
    else if (p.problem) alerts.push({ device: d.id, kind: 'printer', since });
  }
  return alerts;
}
