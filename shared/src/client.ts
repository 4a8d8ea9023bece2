// The one MQTT client every Vikno app, test and benchmark uses: device sign-in, presence with a
// last will, retained-state subscriptions, and commands that resolve with the hub's answer.
// The default import: mqtt's browser bundle (dist/mqtt.esm.js) has no named exports (mqttjs/MQTT.js#2022).
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { type CommandArgs, CommandError, type CommandName, type CommandResult, commandSchemas, replySchema } from './commands.js';
import { topicMatches, topics } from './topics.js';

export interface ClientOptions {
  /** `mqtt://host:1883` in Node, `ws://host:8080/mqtt` in a browser. */
  url: string;
  site: string;
  device: string;
  secret: string;
  /** How long a command waits for its answer before it fails with `timeout`. */
  commandTimeoutMs?: number;
  /**
   * A device that sends no commands (a display): it subscribes to no reply topic, which the broker
   * would refuse it, and `command` fails at once.
   */
  readOnly?: boolean;
  /** Extra mqtt.js options (reconnect period, …). */
  mqtt?: IClientOptions;
}

export interface CommandOptions {
  /** Reuse an id to retry the same command: the hub answers a repeated id with its first answer. */
  id?: string;
  timeoutMs?: number;
}

export type MessageHandler = (topic: string, payload: unknown) => void;

interface Pending {
  name: CommandName;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  promise: Promise<unknown>;
  /** Sends the request (again): after a reconnect its answer may have been lost with the connection. */
  publish: () => void;
}

/**
 * What the client receives comes at QoS 0. Its session is clean, so a message unacknowledged when
 * the connection drops is never sent again (MQTT 3.1.1 §4.4 resends only into a kept session), and
 * within one connection TCP delivers in order: QoS 1 would only add a PUBACK per message, which the
 * client sends and the broker tracks for every state change of a busy centre.
 */
export const SUBSCRIBED_QOS = 0;

export class ViknoClient {
  readonly mqtt: MqttClient;
  readonly replyTopic: string;
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Set<{ filter: string; handler: MessageHandler }>();

  constructor(private readonly options: ClientOptions) {
    const session = newSession();
    this.replyTopic = topics.reply(options.site, options.device, session);
    const presence = topics.presence(options.site, options.device);
    this.mqtt = mqtt.connect(options.url, {
      protocolVersion: 4,
      username: options.device,
      password: options.secret,
      clientId: deviceClientId(options.device, session),
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      will: { topic: presence, payload: JSON.stringify({ status: 'offline' }), qos: 1, retain: true },
      ...options.mqtt,
    });
    withoutNagle(this.mqtt);
    this.mqtt.on('connect', () => {
      if (!options.readOnly) this.mqtt.subscribe(this.replyTopic, { qos: SUBSCRIBED_QOS });
      this.mqtt.publish(presence, JSON.stringify({ status: 'online', at: Date.now() }), { qos: 1, retain: true });
      // An answer sent while the connection was down is gone, QoS 1 or not: a clean session keeps
      // nothing for a client that is away (MQTT 3.1.1 §3.1.2.4). The commands still waiting go again
      // under their ids: the hub answers a repeated id with its first answer, or runs it if it never
      // arrived.
      for (const p of this.pending.values()) p.publish();
    });
    this.mqtt.on('message', (topic, payload) => this.receive(topic, payload));
  }

  /** Resolves once connected; rejects if the broker refuses the credentials. */
  ready(): Promise<void> {
    if (this.mqtt.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        this.mqtt.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.mqtt.off('connect', onConnect);
        reject(error);
      };
      this.mqtt.once('connect', onConnect);
      this.mqtt.once('error', onError);
    });
  }

  command<C extends CommandName>(name: C, args: CommandArgs<C>, options: CommandOptions = {}): Promise<CommandResult<C>> {
    if (this.options.readOnly) return Promise.reject(new CommandError('forbidden', `${name}: ${this.options.device} sends no commands`));
    const id = options.id ?? randomId();
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? 10_000;
    const request = JSON.stringify({ id, replyTo: this.replyTopic, args });
    const publish = () => {
      this.mqtt.publish(topics.command(this.options.site, this.options.device, name), request, { qos: 1 });
      sendNow(this.mqtt);
    };
    // The same id again (a retry, a double tap) shares the first call's answer; sending it again is
    // harmless because the hub answers a repeated id with its first answer.
    const existing = this.pending.get(id);
    if (existing) {
      publish();
      return existing.promise as Promise<CommandResult<C>>;
    }
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const promise = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.pending.delete(id);
      settle.reject(new CommandTimeout(name, timeoutMs));
    }, timeoutMs);
    this.pending.set(id, { name, ...settle, timer, promise, publish });
    publish();
    return promise as Promise<CommandResult<C>>;
  }

  /** Subscribe to a topic filter; retained state arrives at once. Returns the unsubscribe. */
  subscribe(filter: string, handler: MessageHandler): () => void {
    const entry = { filter, handler };
    this.handlers.add(entry);
    this.mqtt.subscribe(filter, { qos: SUBSCRIBED_QOS });
    return () => {
      this.handlers.delete(entry);
      if (![...this.handlers].some((h) => h.filter === filter)) this.mqtt.unsubscribe(filter);
    };
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    // A clean disconnect does not fire the will (MQTT 3.1.1 §3.14.4), so say offline first.
    if (this.mqtt.connected) {
      await this.mqtt.publishAsync(
        topics.presence(this.options.site, this.options.device),
        JSON.stringify({ status: 'offline', at: Date.now() }),
        {
          qos: 1,
          retain: true,
        },
      );
    }
    await this.mqtt.endAsync();
  }

  private receive(topic: string, payload: Uint8Array): void {
    let body: unknown;
    try {
      body = payload.length ? JSON.parse(new TextDecoder().decode(payload)) : null;
    } catch {
      return;
    }
    if (topic === this.replyTopic) {
      const reply = replySchema.safeParse(body);
      if (!reply.success) return;
      const pending = this.pending.get(reply.data.id);
      if (!pending) return;
      this.pending.delete(reply.data.id);
      clearTimeout(pending.timer);
      if (!reply.data.ok) return pending.reject(new CommandError(reply.data.error.code, reply.data.error.message, reply.data.error.params));
      // The answer is read with the contract's result schema: a hub that answers off the contract is
      // a bug the app (and every test) sees at once, not a field found missing later.
      const result = commandSchemas[pending.name].result.safeParse(reply.data.data);
      if (result.success) pending.resolve(result.data);
      else
        pending.reject(
          new CommandError(
            'internal',
            `${pending.name}: the hub's answer does not match the contract (${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message})`,
          ),
        );
      return;
    }
    for (const { filter, handler } of this.handlers) if (topicMatches(filter, topic)) handler(topic, body);
  }
}

export class CommandTimeout extends Error {
  readonly code = 'timeout';
  constructor(command: string, ms: number) {
    super(`${command}: no answer from the hub within ${ms} ms`);
    this.name = 'CommandTimeout';
  }
}

/**
 * Sends what the client has just written at once. mqtt-packet corks the stream for each packet and
 * uncorks it on the next tick; in mqtt.js's browser bundle that tick is a `setTimeout(…, 0)`, a task
 * queued behind the page's own work (the re-render a button press starts): 15 ms at the median, 30
 * at p95, between an operator's click and the command leaving the counter. Uncorking here writes it
 * now; the scheduled uncork then finds nothing to do. (In Node the tick comes first anyway.)
 */
function sendNow(client: MqttClient): void {
  const stream = client.stream as { writableCorked?: number; uncork?: () => void } | undefined;
  if (!stream?.uncork) return;
  while (stream.writableCorked) stream.uncork();
}

/**
 * Turns off Nagle's algorithm on each (re)connection of a TCP client: otherwise small MQTT packets
 * wait for delayed ACKs (~40 ms each way on Linux). WebSocket streams in browsers have no such call.
 */
export function withoutNagle(client: MqttClient): void {
  client.on('connect', () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true));
}

/**
 * The client id a device connects with: its id, a dash and a session. The embedded broker refuses any
 * other (CONNACK 2, identifier rejected), so that no device can take over another's connection by
 * connecting under its client id; Mosquitto replaces it with the device id (`use_username_as_clientid`).
 */
export function deviceClientId(device: string, session: string = newSession()): string {
  return `${device}-${session}`;
}

/** 12 random hex characters: one client's session, in its client id and its reply topic. */
function newSession(): string {
  return randomId().slice(0, 12);
}

export function createClient(options: ClientOptions): ViknoClient {
  return new ViknoClient(options);
}

/**
 * A fresh command or session id. getRandomValues, not randomUUID: the hub's pages are served over plain
 * http on the centre's network, which is not a secure context, and there randomUUID does not exist.
 */
export function randomId(): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
