// What the devices report about themselves on their retained topics — presence (online/offline, and
// when) and health (a kiosk's printer) — and when a device last signed a request to the HTTP API: a
// feedback tablet (and a browser-mode kiosk's printer) talks to the hub over HTTP only, so its
// requests are its only sign of life. The hub listens on its bus; the live monitor reads.
import { type DeviceHealth, type Presence, parseTopic, topicPayloads, topics } from '@vikno/shared';
import type { Bus } from '../broker/bus.js';

export interface DeviceReport {
  presence: Presence | null;
  /** When the hub last heard the device's presence change (its own clock). */
  lastSeen: number | null;
  health: DeviceHealth | null;
  /** When the device last made a signed-in HTTP request (the hub's clock). */
  lastRequest: number | null;
}

export class DeviceWatch {
  private readonly reports = new Map<string, DeviceReport>();

  constructor(
    private readonly site: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async start(bus: Bus): Promise<void> {
    await bus.subscribe([topics.presence(this.site, '+'), topics.health(this.site, '+')], (topic, payload) => this.receive(topic, payload));
  }

  report(device: string): DeviceReport {
    return this.reports.get(device) ?? { presence: null, lastSeen: null, health: null, lastRequest: null };
  }

  /** A request signed with the device's credentials has just come in. */
  requested(device: string): void {
    this.reports.set(device, { ...this.report(device), lastRequest: this.clock() });
  }

  private receive(topic: string, payload: Buffer): void {
    const t = parseTopic(topic);
    if (!t || t.site !== this.site || (t.kind !== 'presence' && t.kind !== 'health')) return;
    let body: unknown;
    try {
      body = payload.length ? JSON.parse(payload.toString('utf8')) : null;
    } catch {
      return;
    }
    const current = this.report(t.device);
    if (t.kind === 'presence') {
      const presence = topicPayloads.presence.safeParse(body);
      if (presence.success) this.reports.set(t.device, { ...current, presence: presence.data, lastSeen: presence.data.at ?? this.clock() });
    } else {
      const health = topicPayloads.health.safeParse(body);
      if (health.success) this.reports.set(t.device, { ...current, health: health.data });
    }
  }
}
