import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. Behind a reverse proxy (`http.trustProxy`) every request comes
 * from the proxy: the client is then the last address the proxy added to X-Forwarded-For; earlier
 * ones are whatever the client chose to send, so they are never believed.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return direct;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim());
  return hops.filter(Boolean).at(-1) ?? direct;
}
