// Devices that use the HTTP API (a browser-mode kiosk's printer, a feedback tablet) sign each request
// with their device id and secret as HTTP Basic, checked as the broker checks them. A scope signs in
// every request before its body is read: a stranger is refused without the hub reading what it sent.
import type { FastifyRequest } from 'fastify';
import type { BrokerAuth, Identity } from '../broker/auth.js';
import type { HttpApp } from './server.js';

/** The device an `authorization` header names, if its secret is right. */
async function deviceOf(auth: BrokerAuth, authorization: string | undefined): Promise<Identity | null> {
  const [scheme, encoded] = (authorization ?? '').split(' ');
  const decoded = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  return colon > 0 ? await auth.authenticate(decoded.slice(0, colon), Buffer.from(decoded.slice(colon + 1), 'utf8')) : null;
}

/**
 * Signs in each request of `scope` with `admit`, which answers what the routes need of the device or
 * throws the refusal; the routes read it back with the function returned.
 */
export function signedInDevices<T>(scope: HttpApp, auth: BrokerAuth, admit: (who: Identity | null) => T): (request: FastifyRequest) => T {
  const admitted = new WeakMap<FastifyRequest, T>();
  scope.addHook('onRequest', async (request) => {
    admitted.set(request, admit(await deviceOf(auth, request.headers.authorization)));
  });
  return (request) => {
    const value = admitted.get(request);
    if (value === undefined) throw new Error('a request of a signed-in scope was not signed in');
    return value;
  };
}
