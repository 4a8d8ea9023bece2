// Who may connect and what they may read and write. Devices sign in with their id and secret; the
// hub itself with a secret made fresh at each start. The rules per role come from `aclRules` in
// shared/, the same rules `vikno-hub mosquitto` writes for an external broker.
import { createHmac, randomBytes } from 'node:crypto';
import { type AclRule, aclRules, type Config, type Device, type DeviceRole, filterCovers, topicMatches } from '@vikno/shared';
import { verifySecret } from '../security/hashing.js';
import type { Pairings } from '../security/pairing.js';
import { RateLimiter } from '../security/rate-limit.js';

export interface Identity {
  device: string;
  role: DeviceRole | 'hub';
  rules: AclRule[];
}

export const HUB_USERNAME = 'hub';

/** Failed sign-ins from one address within the window before it is refused unchecked until it passes. */
export const MAX_FAILED_SIGN_INS = 10;
export const FAILED_SIGN_IN_WINDOW_MS = 5 * 60_000;

export type SignIn =
  | { ok: true; who: Identity }
  /**
   * `credentials`: no such device, or the wrong secret. `clientId`: the id belongs to another device
   * (or to none). `tooManyFailures`: the address failed too often lately, and nothing was checked.
   */
  | { ok: false; refused: 'credentials' | 'clientId' | 'tooManyFailures' };

export class BrokerAuth {
  /**
   * Secrets verified since the config last changed, per device: PBKDF2 is deliberately slow, and a
   * reconnect storm of a hall's devices should not pay it each time. Kept as an HMAC under a key
   * made at start, so the map is of no use to whoever reads the hub's memory.
   */
  private readonly verified = new Map<string, string>();
  private readonly cacheKey = randomBytes(32);
  private readonly failures: RateLimiter;
  /** Checks running per address, and the sign-ins from it waiting for one of them to end. */
  private readonly checking = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private config: Config,
    clock: () => number = Date.now,
    /** Devices paired from the admin page: their paired secret replaces the config's, and a revoked one has none. */
    private readonly pairings?: Pairings,
  ) {
    this.failures = new RateLimiter(FAILED_SIGN_IN_WINDOW_MS, clock);
    pairings?.onChange((device) => this.verified.delete(device));
  }

  /** A config edited at run time: new devices and secrets count from the next connection on. */
  replace(config: Config): void {
    this.config = config;
    this.verified.clear();
  }

  /**
   * A device signing in from `address`. With `clientId` (MQTT), the client id must be the device's
   * own (`clientIdOwner`): no device can take over another's connection by connecting under its id.
   */
  async signIn(username: string | undefined, password: Buffer | undefined, address: string, clientId?: string): Promise<SignIn> {
    // The hub itself publishes inside the embedded broker (bus.ts): nobody signs in as `hub` here.
    const config = this.config;
    const device = username && username !== HUB_USERNAME ? config.devices.find((d) => d.id === username) : undefined;
    const secret = password?.toString('utf8') ?? '';
    const fingerprint = createHmac('sha256', this.cacheKey).update(secret).digest('base64');
    if (!device || this.verified.get(device.id) !== fingerprint) {
      if (!(await this.turn(address))) return { ok: false, refused: 'tooManyFailures' };
      const hash = device && this.secretHashOf(device);
      let right = false;
      try {
        right = !!hash && !!password && (await verifySecret(secret, hash));
      } finally {
        if (!right) this.failures.count(address);
        this.turnEnded(address);
      }
      if (!device || !right) return { ok: false, refused: 'credentials' };
      // Revoked or paired anew during the check: the secret checked no longer counts.
      if (this.secretHashOf(device) !== hash) return { ok: false, refused: 'credentials' };
      // Not if the config changed during the check: the secret may be another now.
      if (this.config === config) this.verified.set(device.id, fingerprint);
    }
    if (clientId !== undefined && this.clientIdOwner(clientId) !== device.id) return { ok: false, refused: 'clientId' };
    return { ok: true, who: { device: device.id, role: device.role, rules: aclRules(config.site.id, device.id, device.role) } };
  }

  /**
   * Whether a sign-in from `address` may be checked: false once the address has failed too often.
   * The checks running count as failures until they end, so a burst from one address has no more
   * checked than it may fail; the rest wait for those to end (a hall's devices signing in at once
   * from behind one address all get in), then are refused unchecked if they all failed.
   */
  private async turn(address: string): Promise<boolean> {
    for (;;) {
      if (this.failures.wait(address, MAX_FAILED_SIGN_INS) > 0) return false;
      const running = this.checking.get(address) ?? 0;
      if (running < MAX_FAILED_SIGN_INS && this.failures.wait(address, MAX_FAILED_SIGN_INS - running) === 0) {
        this.checking.set(address, running + 1);
        return true;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(address) ?? [];
        queue.push(resolve);
        this.waiting.set(address, queue);
      });
    }
  }

  private turnEnded(address: string): void {
    const running = (this.checking.get(address) ?? 1) - 1;
    if (running) this.checking.set(address, running);
    else this.checking.delete(address);
    const queue = this.waiting.get(address);
    this.waiting.delete(address);
    for (const wake of queue ?? []) wake();
  }

  /**
   * The device a client id belongs to: the one whose id it is, or starts with followed by `-`
   * (`counter-w1-3fa2…`). Device ids contain dashes too, so the longest such id wins: with devices
   * `counter-w1` and `counter-w1-b`, `counter-w1-b-3fa2…` is `counter-w1-b`'s, not `counter-w1`'s.
   */
  clientIdOwner(clientId: string): string | undefined {
    let owner: string | undefined;
    for (const { id } of this.config.devices) {
      if ((clientId === id || clientId.startsWith(`${id}-`)) && id.length > (owner?.length ?? 0)) owner = id;
    }
    return owner;
  }

  /** The hash the device's secret must match: its paired one, none once revoked, else the config's. */
  private secretHashOf(device: Device): string | undefined {
    const paired = this.pairings?.secretHashOf(device.id);
    return paired === undefined ? device.secretHash : (paired ?? undefined);
  }

  static canPublish(who: Identity, topic: string): boolean {
    return who.rules.some((r) => r.access === 'write' && topicMatches(r.topic, topic));
  }

  static canSubscribe(who: Identity, filter: string): boolean {
    return who.rules.some((r) => r.access === 'read' && filterCovers(r.topic, filter));
  }
}
