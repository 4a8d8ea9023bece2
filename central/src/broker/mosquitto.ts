// The region broker's files for Mosquitto (docs/central.md): its config, a password file and an ACL
// under which a site publishes only under its own id and reads only its own acknowledgement and
// catalogue, and central reads everything and writes those. The rules for sites are `pattern`
// lines with %u (the username, which is the site id), so the ACL does not grow with the region.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CENTRAL_ROOT } from '@vikno/shared';
import { hashSecret } from '@vikno/shared/node';
import { CENTRAL_USERNAME, type CentralConfig } from '../config.js';

export interface RegionBrokerOptions {
  dir: string;
  port: number;
  /** Default every interface: the centres connect from their own networks. */
  bind?: string | undefined;
  centralPassword: string;
}

export function regionAcl(): string {
  return `# Written by vikno-central mosquitto.
user ${CENTRAL_USERNAME}
topic read ${CENTRAL_ROOT}/#
topic write ${CENTRAL_ROOT}/+/ack
topic write ${CENTRAL_ROOT}/+/catalogue

# Every site, as its own user (the site id): its own topics only.
pattern write ${CENTRAL_ROOT}/%u/events
pattern write ${CENTRAL_ROOT}/%u/presence
pattern write ${CENTRAL_ROOT}/%u/live
pattern read ${CENTRAL_ROOT}/%u/ack
pattern read ${CENTRAL_ROOT}/%u/catalogue
`;
}

export function regionPasswords(config: CentralConfig, centralPassword: string): string {
  return [`${CENTRAL_USERNAME}:${hashSecret(centralPassword)}`, ...config.sites.map((s) => `${s.id}:${s.secretHash}`)]
    .join('\n')
    .concat('\n');
}

export function regionConf({ dir, port, bind }: Pick<RegionBrokerOptions, 'dir' | 'port' | 'bind'>): string {
  const abs = resolve(dir);
  return `# Written by vikno-central mosquitto. Run: mosquitto -c ${join(abs, 'mosquitto.conf')}
per_listener_settings false
allow_anonymous false
password_file ${join(abs, 'passwd')}
acl_file ${join(abs, 'acl')}
# Nothing here needs to outlive the broker: the hubs keep their logs and send again from central's
# acknowledgement, which central publishes again at its start.
persistence false
# Central's session keeps the batches that arrive while it restarts; the default (1000) would drop some.
max_queued_messages 100000
max_inflight_messages 100
set_tcp_nodelay true
listener ${port}${bind ? ` ${bind}` : ''}
protocol mqtt
# A site's client id is its user name, whatever it asked for: one connection per site.
use_username_as_clientid true
`;
}

export function writeRegionBrokerFiles(config: CentralConfig, o: RegionBrokerOptions): string[] {
  mkdirSync(o.dir, { recursive: true });
  const files = { 'mosquitto.conf': regionConf(o), passwd: regionPasswords(config, o.centralPassword), acl: regionAcl() };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(o.dir, name), text, { mode: 0o600 });
  return Object.keys(files).map((n) => join(o.dir, n));
}
