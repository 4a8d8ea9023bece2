// Devices that use the HTTP API (a browser-mode kiosk's printer, a feedback tablet) sign each request
// with their device id and secret as HTTP Basic, checked as the broker checks them. A scope signs in
// every request before its body is read: a stranger is refused without the hub reading what it sent.
import type { FastifyRequest } from 'fastify';
import type { BrokerAuth, Identity } from '../broker/auth.js';
import { clientAddress } from './client-address.js';
import type { HttpApp, HttpDeps } from './deps.js';

/** The device a request's `authorization` header names, if its secret is right (failures count per address). */
async function deviceOf(auth: BrokerAuth, request: FastifyRequest, trustProxy: boolean): Promise<Identity | null> {
  const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
  const decoded = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const signIn = await auth.signIn(
    decoded.slice(0, colon),
    Buffer.from(decoded.slice(colon + 1), 'utf8'),
    clientAddress(request.raw, trustProxy),
  );
  return signIn.ok ? signIn.who : null;
}

/**
 * Signs in each request of `scope` with `admit`, which answers what the routes need of the device or
 * throws the refusal; the routes read it back with the function returned.
 */
export function signedInDevices<T>(
  scope: HttpApp,
  deps: Pick<HttpDeps, 'auth' | 'config' | 'admin'>,
  admit: (who: Identity | null) => T,
): (request: FastifyRequest) => T {
  const admitted = new WeakMap<FastifyRequest, T>();
  scope.addHook('onRequest', async (request) => {
    const who = await deviceOf(deps.auth, request, deps.config.http.trustProxy);
    // Its last contact for the live monitor, whether or not this route is one it may take.
    if (who) deps.admin?.devices.requested(who.device);
    admitted.set(request, admit(who));
  });
  return (request) => {
    const value = admitted.get(request);
    if (value === undefined) throw new Error('a request of a signed-in scope was not signed in');
    return value;
  };
}
