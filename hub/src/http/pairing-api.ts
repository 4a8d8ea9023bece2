// Pairing over HTTP: a device sends the code the admin page showed and gets its own credentials
// (POST /api/pair); the admin page lists the devices, makes codes and revokes (under /api/admin, in
// admin-api.ts, behind the admin's session). The answer to a device carries its secret, so no cache keeps it.
import { type Config, httpApi, type PairedDevice, pairingLink, routeOf } from '@vikno/shared';
import type { DeviceWatch } from '../admin/device-watch.js';
import { CredentialBrokerError, type Pairings } from '../security/pairing.js';
import { clientAddress } from './client-address.js';
import type { HttpApp, HttpDeps } from './deps.js';
import { HttpError } from './errors.js';

export function pairingApi(app: HttpApp, deps: Pick<HttpDeps, 'pairings' | 'config' | 'log'>): void {
  app.route({
    ...routeOf(httpApi.pair),
    handler: async (request, reply) => {
      const outcome = await brokerTook(deps.pairings.pair(request.body.code, clientAddress(request.raw, deps.config.http.trustProxy)));
      if (!outcome.ok && outcome.refused === 'tooManyAttempts')
        throw new HttpError(429, 'too many wrong pairing codes from this address: try again later', {
          headers: { 'retry-after': String(Math.ceil(outcome.waitMs / 1000)) },
        });
      if (!outcome.ok) throw new HttpError(404, 'no such pairing code, or it was used or has expired: ask the admin for a new one');
      const role = deps.config.devices.find((d) => d.id === outcome.device)?.role;
      if (!role) {
        // Taken out of the config after its code was made: the secret counts for nothing.
        await brokerTook(deps.pairings.revoke(outcome.device));
        throw new HttpError(404, `device ${outcome.device} is no longer in the config`);
      }
      deps.log.info({ device: outcome.device }, 'pairing: device paired');
      reply.header('cache-control', 'no-store');
      return { device: outcome.device, secret: outcome.secret, role };
    },
  });
}

/** Every device of the config, with how it signs in and when it was last heard from. */
export function pairedDevices(config: Config, pairings: Pairings, watch: DeviceWatch): PairedDevice[] {
  const rows = new Map(pairings.list().map((r) => [r.device, r]));
  return config.devices.map((d) => {
    const row = rows.get(d.id);
    const report = watch.report(d.id);
    const contacts = [report.lastSeen, report.lastRequest].filter((t): t is number => t !== null);
    return {
      id: d.id,
      role: d.role,
      state: row ? (row.secretHash ? 'paired' : 'revoked') : d.secretHash ? 'config' : 'unpaired',
      pairedAt: row?.pairedAt ?? null,
      revokedAt: row?.revokedAt ?? null,
      lastContact: contacts.length ? Math.max(...contacts) : null,
    };
  });
}

export async function pairingCode(config: Config, pairings: Pairings, device: string, hubUrl: string, caFingerprint: string | null) {
  const role = config.devices.find((d) => d.id === device)?.role;
  if (!role) throw new HttpError(404, `no device ${device} in the config: add it there first`);
  // An external Mosquitto that could not take the device's secret: said now, not when the device pairs.
  await brokerTook(pairings.checkBroker());
  const { code, expiresAt } = pairings.issue(device);
  return { device, code, expiresAt, hubUrl, caFingerprint, qr: pairingLink(hubUrl, role, code, caFingerprint) };
}

/** What an external broker's refusal or silence answers: 503, with its reason. */
export async function brokerTook<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof CredentialBrokerError) throw new HttpError(503, error.message);
    throw error;
  }
}
