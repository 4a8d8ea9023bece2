// Who may connect and what they may read and write. Devices sign in with their id and secret; the
// hub itself with a secret made fresh at each start. The rules per role come from `aclRules` in
// shared/, the same rules `vikno-hub mosquitto` writes for an external broker.
import { createHash } from 'node:crypto';
import { type AclRule, aclRules, type Config, type DeviceRole, filterCovers, topicMatches } from '@vikno/shared';
import { verifySecret } from '../security/hashing.js';

export interface Identity {
  device: string;
  role: DeviceRole | 'hub';
  rules: AclRule[];
}

export const HUB_USERNAME = 'hub';

export class BrokerAuth {
  // PBKDF2 is deliberately slow; a reconnect storm of a hall's devices should not pay it each time.
  private readonly verified = new Map<string, string>();

  constructor(private config: Config) {}

  /** A config edited at run time: new devices and secrets count from the next connection on. */
  replace(config: Config): void {
    this.config = config;
    this.verified.clear();
  }

  authenticate(username: string | undefined, password: Buffer | undefined): Identity | null {
    if (!username || !password) return null;
    const site = this.config.site.id;
    const secret = password.toString('utf8');
    // The hub itself publishes inside the embedded broker (bus.ts): nobody signs in as `hub` here.
    if (username === HUB_USERNAME) return null;
    const device = this.config.devices.find((d) => d.id === username);
    if (!device) return null;
    const fingerprint = createHash('sha256').update(secret).digest('base64');
    if (this.verified.get(device.id) !== fingerprint) {
      if (!verifySecret(secret, device.secretHash)) return null;
      this.verified.set(device.id, fingerprint);
    }
    return { device: device.id, role: device.role, rules: aclRules(site, device.id, device.role) };
  }

  static canPublish(who: Identity, topic: string): boolean {
    return who.rules.some((r) => r.access === 'write' && topicMatches(r.topic, topic));
  }

  static canSubscribe(who: Identity, filter: string): boolean {
    return who.rules.some((r) => r.access === 'read' && filterCovers(r.topic, filter));
  }
}
