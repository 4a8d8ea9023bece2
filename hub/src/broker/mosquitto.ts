// Files for running Vikno on an external Mosquitto: its config, a password file (the device hashes
// are already in Mosquitto's `$7$` format) and an ACL file with the same rules as the embedded broker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { aclRules, type Config } from '@vikno/shared';
import { hashSecret } from '../security/hashing.js';

export interface MosquittoOptions {
  dir: string;
  port: number;
  /** The TCP listener's address. Default 127.0.0.1: only the hub speaks MQTT over TCP; devices use WebSocket. */
  bind?: string | undefined;
  /** The WebSocket listener, for the devices' pages on the hall's network, listens on every interface. */
  wsPort: number;
  hubUsername: string;
  hubPassword: string;
}

export function mosquittoAcl(config: Config, hubUsername: string): string {
  const site = config.site.id;
  const blocks = [
    { user: hubUsername, rules: aclRules(site, hubUsername, 'hub') },
    ...config.devices.map((d) => ({ user: d.id, rules: aclRules(site, d.id, d.role) })),
  ];
  return blocks
    .map((b) => [`user ${b.user}`, ...b.rules.map((r) => `topic ${r.access} ${r.topic}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

export function mosquittoPasswords(config: Config, hubUsername: string, hubPassword: string): string {
  // Only the config's secrets: a device paired from the admin page signs in on the embedded broker
  // only (docs/deployment.md, "Pairing with an external Mosquitto").
  const devices = config.devices.flatMap((d) => (d.secretHash ? [`${d.id}:${d.secretHash}`] : []));
  return [`${hubUsername}:${hashSecret(hubPassword)}`, ...devices].join('\n').concat('\n');
}

export function mosquittoConf({ dir, port, bind = '127.0.0.1', wsPort }: Omit<MosquittoOptions, 'hubUsername' | 'hubPassword'>): string {
  const abs = resolve(dir);
  return `# Written by vikno-hub mosquitto. Run: mosquitto -c ${join(abs, 'mosquitto.conf')}
per_listener_settings false
allow_anonymous false
password_file ${join(abs, 'passwd')}
acl_file ${join(abs, 'acl')}
# The hub republishes all retained state when it starts; nothing needs to survive a broker restart.
persistence false
# The default (1000) silently drops QoS 1 messages queued for a slow subscriber, such as a display
# that was briefly away; a busy hall sends a few hundred state messages a minute.
max_queued_messages 100000
# Nagle's algorithm holds a small packet back while an earlier one is unacknowledged: a call that
# follows an answer to the same client waited ~40 ms for a delayed ACK (docs/performance.md).
set_tcp_nodelay true
# A client's id is its user name, whatever it asked for: a device signing in cannot take over another
# device's connection by connecting under its client id. So each device has one connection at a time
# here: a second one under the same device id replaces the first. (A listener's own setting: before
# the first listener it would open a default listener on port 1883.)
listener ${port} ${bind}
protocol mqtt
use_username_as_clientid true
# Every interface: Debian's Mosquitto (2.0.11) ignores an address on a WebSocket listener.
listener ${wsPort}
protocol websockets
use_username_as_clientid true
`;
}

export function writeMosquittoFiles(config: Config, o: MosquittoOptions): string[] {
  mkdirSync(o.dir, { recursive: true });
  const files = {
    'mosquitto.conf': mosquittoConf(o),
    passwd: mosquittoPasswords(config, o.hubUsername, o.hubPassword),
    acl: mosquittoAcl(config, o.hubUsername),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(o.dir, name), text, { mode: 0o600 });
  return Object.keys(files).map((n) => join(o.dir, n));
}
