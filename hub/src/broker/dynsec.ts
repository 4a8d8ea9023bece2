// Mosquitto's dynamic-security plugin (Mosquitto 2.0): who may sign in to an external Mosquitto and
// what each may read and write. `vikno-hub mosquitto` writes its starting file (mosquitto.ts); the
// hub then adds, replaces and deletes devices' clients at run time over MQTT, with JSON commands on
// `$CONTROL/dynamic-security/v1` and the plugin's answers on `…/response` (the plugin's README).
import { randomUUID } from 'node:crypto';
import { type AclRule, aclRules, type Device, type DeviceRole } from '@vikno/shared';
import type { MqttClient } from 'mqtt';
import { type CredentialBroker, CredentialBrokerError } from '../security/pairing.js';

export const CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';
export const CONTROL_RESPONSE_TOPIC = `${CONTROL_TOPIC}/response`;
/** How long the hub waits for the plugin's answer: it answers at once, or it is not there. */
export const CONTROL_TIMEOUT_MS = 3000;

export interface DynsecAcl {
  acltype: 'publishClientSend' | 'publishClientReceive' | 'subscribePattern';
  topic: string;
  allow: true;
}

export interface DynsecRole {
  rolename: string;
  acls: DynsecAcl[];
}

export const HUB_ROLE = 'vikno-hub';

/**
 * One role per device: Mosquitto 2.0.11's dynsec ACLs have no `%u` (the client's own user name), so
 * a role of the device's kind could not say "its own presence topic"; the rules are `aclRules`.
 */
export function deviceRoleName(device: string): string {
  return `vikno-device-${device}`;
}

/**
 * The plugin's form of `aclRules`: everything not allowed is refused (the defaults in the file), a
 * `read` rule lets the client subscribe within it and be sent what it matches, a `write` rule publish.
 */
function dynsecAcls(rules: AclRule[]): DynsecAcl[] {
  return rules.flatMap((r): DynsecAcl[] =>
    r.access === 'write'
      ? [{ acltype: 'publishClientSend', topic: r.topic, allow: true }]
      : [
          { acltype: 'subscribePattern', topic: r.topic, allow: true },
          { acltype: 'publishClientReceive', topic: r.topic, allow: true },
        ],
  );
}

export function deviceRole(site: string, device: Pick<Device, 'id' | 'role'>): DynsecRole {
  return { rolename: deviceRoleName(device.id), acls: dynsecAcls(aclRules(site, device.id, device.role)) };
}

/** The hub's rules, and the plugin's control topics: the hub pairs and revokes devices through them. */
export function hubRole(site: string, hubUsername: string): DynsecRole {
  return {
    rolename: HUB_ROLE,
    acls: [
      ...dynsecAcls(aclRules(site, hubUsername, 'hub')),
      { acltype: 'publishClientSend', topic: CONTROL_TOPIC, allow: true },
      { acltype: 'subscribePattern', topic: CONTROL_RESPONSE_TOPIC, allow: true },
      { acltype: 'publishClientReceive', topic: CONTROL_RESPONSE_TOPIC, allow: true },
    ],
  };
}

/** A `$7$` hash in the plugin's own fields: the same PBKDF2-SHA512, 12 bytes of salt and 64 of key. */
export function dynsecPassword(secretHash: string): { password: string; salt: string; iterations: number } {
  const [, scheme, iterations, salt, password] = secretHash.split('$');
  if (scheme !== '7' || !salt || !password || !Number(iterations)) throw new Error('not a $7$ hash (vikno-hub hash-secret makes one)');
  if (Buffer.from(salt, 'base64').length !== 12 || Buffer.from(password, 'base64').length !== 64)
    throw new Error(
      'a $7$ hash with 12 bytes of salt and 64 of key is needed: Mosquitto’s plugin takes no other (vikno-hub hash-secret makes one)',
    );
  return { password, salt, iterations: Number(iterations) };
}

export interface DynsecResponse {
  command: string;
  error?: string;
  correlationData?: string;
  data?: unknown;
}

/** Commands to the plugin over the hub's own MQTT connection, each batch answered in one message. */
export class DynsecControl {
  private readonly pending = new Map<string, (responses: DynsecResponse[]) => void>();
  private subscribed: Promise<void> | undefined;

  constructor(
    private readonly client: MqttClient,
    private readonly timeoutMs = CONTROL_TIMEOUT_MS,
  ) {
    client.on('message', (topic, payload) => {
      if (topic === CONTROL_RESPONSE_TOPIC) this.answered(payload);
    });
  }

  /** The commands' answers in their order; rejects with `CredentialBrokerError` when none comes in time. */
  async run(commands: Record<string, unknown>[]): Promise<DynsecResponse[]> {
    if (!this.client.connected) throw new CredentialBrokerError('the hub is not connected to Mosquitto: try again once it is');
    // Once: mqtt.js subscribes again by itself after a reconnect.
    this.subscribed ??= this.client.subscribeAsync(CONTROL_RESPONSE_TOPIC, { qos: 1 }).then(
      () => undefined,
      (error: Error) => {
        this.subscribed = undefined;
        throw new CredentialBrokerError(
          `Mosquitto refused the hub's subscription to ${CONTROL_RESPONSE_TOPIC} (${error.message}): ` +
            "the hub's user needs the vikno-hub role of the dynsec.json that vikno-hub mosquitto writes",
        );
      },
    );
    await this.subscribed;
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<DynsecResponse[]>((resolve, reject) => {
      timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new CredentialBrokerError(
            `Mosquitto's dynamic-security plugin did not answer on ${CONTROL_TOPIC} within ${this.timeoutMs / 1000} s: ` +
              'start Mosquitto with the config vikno-hub mosquitto writes (it loads the plugin and lets the hub use it)',
          ),
        );
      }, this.timeoutMs);
      this.pending.set(id, (responses) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(responses);
      });
    });
    const tagged = commands.map((c, i) => ({ ...c, correlationData: `${id}/${i}` }));
    try {
      await this.client.publishAsync(CONTROL_TOPIC, JSON.stringify({ commands: tagged }), { qos: 1 });
    } catch (error) {
      clearTimeout(timer);
      this.pending.delete(id);
      throw new CredentialBrokerError(`the hub could not send to Mosquitto: ${(error as Error).message}`);
    }
    return answer;
  }

  /** Runs the commands and throws for any answer with an error, but the one `tolerated` names for its command. */
  async require(commands: Record<string, unknown>[], tolerated: Readonly<Record<string, string>> = {}): Promise<DynsecResponse[]> {
    const responses = await this.run(commands);
    const failed = responses.find((r) => r.error && tolerated[r.command] !== r.error);
    if (failed) throw new CredentialBrokerError(`Mosquitto's dynamic-security plugin refused ${failed.command}: ${failed.error}`);
    return responses;
  }

  private answered(payload: Buffer): void {
    let responses: DynsecResponse[];
    try {
      responses = (JSON.parse(payload.toString('utf8')) as { responses?: DynsecResponse[] }).responses ?? [];
    } catch {
      return;
    }
    // Every subscriber of the response topic hears every answer: only the hub's own are taken.
    const id = responses[0]?.correlationData?.split('/')[0];
    const waiting = id === undefined ? undefined : this.pending.get(id);
    waiting?.(responses.filter((r) => r.correlationData?.startsWith(`${id}/`)).sort((a, b) => index(a) - index(b)));
  }
}

const index = (r: DynsecResponse) => Number(r.correlationData?.split('/')[1] ?? 0);

/**
 * The devices' clients on an external Mosquitto, kept in step with the hub's pairings: a paired
 * device's client is made anew with its new secret (which also closes its old connection), a revoked
 * one is deleted (which closes its connection at once: the plugin kicks the user name's clients).
 */
export class DynsecCredentials implements CredentialBroker {
  constructor(
    private readonly control: DynsecControl,
    private readonly site: () => string,
    private readonly roleOf: (device: string) => DeviceRole | undefined,
  ) {}

  /** Whether the plugin answers the hub: asked before a pairing code is made. */
  async check(): Promise<void> {
    await this.control.require([{ command: 'getDefaultACLAccess' }]);
  }

  async paired(device: string, secret: string): Promise<void> {
    const role = this.roleOf(device);
    // Taken out of the config after its code was made: the pairing API refuses it.
    if (!role) return;
    const { rolename, acls } = deviceRole(this.site(), { id: device, role });
    await this.control.require(
      [
        // The role made anew from the config as it is now: a device added, or its kind changed, since
        // the file was written gets its rules here. Only its own client has it, and that goes too.
        { command: 'deleteRole', rolename },
        { command: 'createRole', rolename, acls },
        { command: 'deleteClient', username: device },
        { command: 'createClient', username: device, password: secret, roles: [{ rolename }] },
      ],
      { deleteRole: 'Role not found', deleteClient: 'Client not found' },
    );
  }

  async revoked(device: string): Promise<void> {
    await this.control.require([{ command: 'deleteClient', username: device }], { deleteClient: 'Client not found' });
  }

  /**
   * After each connection to Mosquitto: a device revoked while it was away (or whose revocation it
   * did not confirm) loses its client now; a paired one missing there (its file replaced) is named.
   */
  async reconcile(rows: readonly { device: string; secretHash: string | null }[]): Promise<string[]> {
    const revoked = rows.filter((r) => r.secretHash === null).map((r) => r.device);
    const paired = rows.filter((r) => r.secretHash !== null).map((r) => r.device);
    if (!revoked.length && !paired.length) return [];
    const responses = await this.control.require(
      [
        ...revoked.map((username) => ({ command: 'deleteClient', username })),
        ...paired.map((username) => ({ command: 'getClient', username })),
      ],
      { deleteClient: 'Client not found', getClient: 'Client not found' },
    );
    return paired.filter((_, i) => responses[revoked.length + i]?.error === 'Client not found');
  }
}
