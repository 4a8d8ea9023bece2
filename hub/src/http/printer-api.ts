// Browser mode's printer: a kiosk page that runs without Electron prints on a virtual printer the hub
// keeps for that kiosk. The page signs each request with its device credentials (HTTP Basic).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ticketPrintSchema } from '@vikno/shared';
import type { BrokerAuth } from '../broker/auth.js';
import type { VirtualPrinters } from '../kiosk/virtual-printers.js';
import { json, readJsonBody } from './respond.js';

export interface PrinterApiDeps {
  auth: BrokerAuth;
  printers: VirtualPrinters;
}

/** The kiosk a request comes from, or null (and the answer sent) when it may not print. */
async function kioskOf(deps: PrinterApiDeps, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
  const decoded = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const address = req.socket.remoteAddress ?? 'unknown';
  const signIn = colon > 0 ? await deps.auth.signIn(decoded.slice(0, colon), Buffer.from(decoded.slice(colon + 1), 'utf8'), address) : null;
  const who = signIn?.ok ? signIn.who : null;
  if (!who) {
    res.setHeader('www-authenticate', 'Basic realm="vikno"');
    json(res, 401, { error: 'sign in with the kiosk device id and secret' });
    return null;
  }
  if (who.role !== 'kiosk') {
    json(res, 403, { error: `${who.device} is not a kiosk` });
    return null;
  }
  return who.device;
}

export async function printerApi(deps: PrinterApiDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const kiosk = await kioskOf(deps, req, res);
  if (!kiosk) return;
  if (path === '/api/printer' && req.method === 'GET') return json(res, 200, await deps.printers.status(kiosk));
  if (path === '/api/printer/print' && req.method === 'POST') {
    const body = await readJsonBody(req);
    const ticket = ticketPrintSchema.safeParse(body);
    if (!ticket.success) return json(res, 400, { error: ticket.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return json(res, 200, await deps.printers.print(kiosk, ticket.data));
  }
  json(res, 404, { error: `nothing at ${req.method} ${path}` });
}
