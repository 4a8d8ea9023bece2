// Files for running Vikno on an external Mosquitto: its config, which loads the dynamic-security
// plugin, and the plugin's starting file: the hub's client, allowed to manage the plugin, and a role
// per device with the same rules as the embedded broker, and a client for each device with a secret
// in the config (its `$7$` hash is already the plugin's PBKDF2). Paired devices are added by the hub
// at run time (dynsec.ts); the plugin keeps them in that file across restarts.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '@vikno/shared';
import { hashSecret } from '../security/hashing.js';
import { deviceRole, dynsecPassword, HUB_ROLE, hubRole } from './dynsec.js';

export interface MosquittoOptions {
  dir: string;
  port: number;
  /** The TCP listener's address. Default 127.0.0.1: only the hub speaks MQTT over TCP; devices use WebSocket. */
  bind?: string | undefined;
  /** The WebSocket listener, for the devices' pages on the hall's network, listens on every interface. */
  wsPort: number;
  hubUsername: string;
  hubPassword: string;
  /** Where Mosquitto's dynamic-security plugin is (`dynsecPlugin()` finds Debian's). */
  plugin: string;
}

export const DYNSEC_FILE = 'dynsec.json';
const PLUGIN = 'mosquitto_dynamic_security.so';

/** Debian's package puts the plugin under its architecture's folder (`dpkg -L mosquitto`). */
export function dynsecPlugin(): string | undefined {
  const lib = '/usr/lib';
  const candidates = existsSync(lib)
    ? readdirSync(lib, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name.endsWith('-linux-gnu'))
        .map((e) => join(lib, e.name, PLUGIN))
    : [];
  return [...candidates, join(lib, PLUGIN), join('/usr/local/lib', PLUGIN)].find((f) => existsSync(f));
}

/** The plugin's starting file (its format: the plugin's README and `mosquitto_ctrl dynsec init`). */
export function dynsecFile(config: Config, hubUsername: string, hubPassword: string): object {
  const site = config.site.id;
  return {
    // What no role allows is refused: sending, being sent, subscribing. Unsubscribing is harmless.
    defaultACLAccess: { publishClientSend: false, publishClientReceive: false, subscribe: false, unsubscribe: true },
    roles: [hubRole(site, hubUsername), ...config.devices.map((d) => deviceRole(site, d))],
    clients: [
      { username: hubUsername, ...dynsecPassword(hashSecret(hubPassword)), roles: [{ rolename: HUB_ROLE }] },
      ...config.devices.flatMap((d) =>
        d.secretHash ? [{ username: d.id, ...dynsecPassword(d.secretHash), roles: [{ rolename: deviceRole(site, d).rolename }] }] : [],
      ),
    ],
    groups: [],
  };
}

export function mosquittoConf({
  dir,
  port,
  bind = '127.0.0.1',
  wsPort,
  plugin,
}: Omit<MosquittoOptions, 'hubUsername' | 'hubPassword'>): string {
  const abs = resolve(dir);
  return `# Written by vikno-hub mosquitto. Run: mosquitto -c ${join(abs, 'mosquitto.conf')}
per_listener_settings false
allow_anonymous false
# Who may sign in and what each may do: the dynamic-security plugin, from its file, which it rewrites
# as the hub pairs and revokes devices (so this folder must be writable by Mosquitto's user).
plugin ${plugin}
plugin_opt_config_file ${join(abs, DYNSEC_FILE)}
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
    [DYNSEC_FILE]: `${JSON.stringify(dynsecFile(config, o.hubUsername, o.hubPassword), null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(o.dir, name), text, { mode: 0o600 });
  return Object.keys(files).map((n) => join(o.dir, n));
}
