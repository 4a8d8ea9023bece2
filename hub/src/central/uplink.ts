// The hub's link to the region's central service (docs/central.md): a client of the region's broker,
// apart from the hall's own broker, so the hall never waits on it. Store and forward: central
// acknowledges (retained) the last row it has stored and checked; the hub sends its log from there,
// read from its own SQLite, and after any reconnect starts again from the acknowledgement it is
// given. Nothing relies on the broker keeping a message: a batch lost anywhere is sent again.
import { type CentralAck, type CentralLive, type CentralSettings, centralAckSchema, centralTopics, GENESIS_HASH } from '@vikno/shared';
import { connect, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { LogReader } from './log-reader.js';

export interface UplinkOptions {
  site: string;
  settings: CentralSettings;
  reader: LogReader;
  /** The hall now, for the retained live summary. */
  live: () => CentralLive;
  /** With `catalogue: true`: each message on the site's catalogue topic (retained, so one at every connection). */
  catalogue?: (payload: Buffer) => void;
  log: Logger;
  clock: () => number;
  /** Rows per batch: one short SQLite read and one MQTT message of a few hundred kB at most. */
  batchRows?: number;
  /** Rows sent ahead of central's acknowledgement. */
  windowRows?: number;
  /** A batch not acknowledged this long is sent again (doubling up to a minute while nothing moves). */
  resendMs?: number;
  /** How often the log is looked at for new rows. */
  pollMs?: number;
}

const MAX_RESEND_MS = 60_000;

export class CentralUplink {
  private readonly client: MqttClient;
  /** Central's acknowledgement on this connection; undefined until the retained one arrives. */
  private acked: CentralAck | undefined;
  /** The last row sent on this connection. */
  private sent = 0;
  private pumping = false;
  private resendMs: number;
  private resendTimer: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly batchRows: number;
  private readonly windowRows: number;

  constructor(private readonly o: UplinkOptions) {
    this.batchRows = o.batchRows ?? 500;
    this.windowRows = o.windowRows ?? 2000;
    this.resendMs = o.resendMs ?? 3000;
    const { site, settings } = o;
    this.client = connect(settings.url, {
      protocolVersion: 4,
      clientId: `vikno-hub-${site}`,
      username: settings.username ?? site,
      password: settings.password ?? process.env.VIKNO_CENTRAL_PASSWORD ?? '',
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      will: { topic: centralTopics.presence(site), payload: JSON.stringify({ online: false, at: o.clock() }), qos: 1, retain: true },
    });
    this.client.on('connect', () => this.connected());
    this.client.on('close', () => this.disconnected());
    this.client.on('error', (err) => o.log.warn({ err: err.message }, 'central: the region broker refused or failed'));
    this.client.on('message', (topic, payload) => this.received(topic, payload));
    this.timers.push(
      setInterval(() => void this.pump(), o.pollMs ?? 250),
      setInterval(() => this.publishLive(), o.settings.liveIntervalSeconds * 1000),
    );
  }

  /** Whether the region's broker is reachable now, and how far central has acknowledged. */
  status(): { connected: boolean; acked: number | null; sent: number } {
    return { connected: this.client.connected, acked: this.acked?.seq ?? null, sent: this.sent };
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.resendTimer);
    // A clean goodbye sends no last will: say offline ourselves.
    if (this.client.connected)
      await this.client
        .publishAsync(centralTopics.presence(this.o.site), JSON.stringify({ online: false, at: this.o.clock() }), { qos: 1, retain: true })
        .catch(() => undefined);
    await this.client.endAsync();
  }

  private connected(): void {
    const { site, reader, clock, log } = this.o;
    const head = reader.head() ?? { seq: 0, hash: GENESIS_HASH };
    log.info({ broker: this.o.settings.url, head: head.seq }, 'central: connected to the region broker');
    this.client.publish(centralTopics.presence(site), JSON.stringify({ online: true, at: clock(), log: head }), { qos: 1, retain: true });
    this.publishLive();
    this.client.subscribe(centralTopics.ack(site), { qos: 1 });
    if (this.o.catalogue) this.client.subscribe(centralTopics.catalogue(site), { qos: 1 });
  }

  private disconnected(): void {
    if (this.acked) this.o.log.warn({ acked: this.acked.seq }, 'central: link to the region broker lost; the hall goes on, the log waits');
    this.acked = undefined;
    this.sent = 0;
    clearTimeout(this.resendTimer);
  }

  private received(topic: string, payload: Buffer): void {
    if (topic === centralTopics.catalogue(this.o.site)) return this.o.catalogue?.(payload);
    if (topic !== centralTopics.ack(this.o.site)) return;
    let parsed: ReturnType<typeof centralAckSchema.safeParse>;
    try {
      parsed = centralAckSchema.safeParse(JSON.parse(payload.toString('utf8')));
    } catch {
      parsed = centralAckSchema.safeParse(undefined);
    }
    if (!parsed.success) return void this.o.log.warn({ topic }, 'central: an acknowledgement that does not fit the contract, ignored');
    const ack = parsed.data;
    if (this.acked === undefined) {
      // The first on this connection: where to start from, once checked against our own log.
      const ours = ack.seq === 0 ? GENESIS_HASH : this.o.reader.hash(ack.seq);
      if (ours !== ack.hash)
        this.o.log.error(
          { acked: ack.seq, ours: ours ?? null, theirs: ack.hash },
          `central: the region holds row ${ack.seq} of this site's log as this hub does not: was the record restored from an older copy?`,
        );
      this.sent = ack.seq;
    }
    if (this.acked === undefined || ack.seq > this.acked.seq) {
      this.resendMs = this.o.resendMs ?? 3000;
      this.armResend();
    }
    this.acked = ack;
    if (this.sent < ack.seq) this.sent = ack.seq;
    void this.pump();
  }

  /** Sends what the log holds after `sent`, up to the window ahead of central's acknowledgement. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.client.connected && this.acked && this.sent - this.acked.seq < this.windowRows) {
        const events = this.o.reader.after(this.sent, this.batchRows);
        if (!events.length) break;
        const wasIdle = this.sent === this.acked.seq;
        await this.client.publishAsync(centralTopics.events(this.o.site), JSON.stringify({ site: this.o.site, events }), { qos: 1 });
        this.sent = events.at(-1)!.seq;
        if (wasIdle) this.armResend();
      }
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'central: a batch did not go out; sent again from the acknowledgement');
    } finally {
      this.pumping = false;
    }
  }

  /** Unacknowledged rows are sent again from the acknowledgement if central stays silent: a batch it never stored. */
  private armResend(): void {
    clearTimeout(this.resendTimer);
    this.resendTimer = setTimeout(() => {
      if (!this.acked || this.sent <= this.acked.seq) return;
      this.o.log.warn({ acked: this.acked.seq, sent: this.sent }, 'central: no acknowledgement; sending again from it');
      this.sent = this.acked.seq;
      this.resendMs = Math.min(this.resendMs * 2, MAX_RESEND_MS);
      this.armResend();
      void this.pump();
    }, this.resendMs);
  }

  private publishLive(): void {
    if (!this.client.connected) return;
    try {
      this.client.publish(centralTopics.live(this.o.site), JSON.stringify(this.o.live()), { qos: 1, retain: true });
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'central: the live summary could not be made');
    }
  }
}
