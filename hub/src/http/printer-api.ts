// Browser mode's printer: a kiosk page that runs without Electron prints on a virtual printer the hub
// keeps for that kiosk. The page signs each request with its device credentials (HTTP Basic).
import { httpApi, routeOf } from '@vikno/shared';
import type { HttpApp, HttpDeps } from './deps.js';
import { signedInDevices } from './device-auth.js';
import { HttpError } from './errors.js';

export function printerApi(app: HttpApp, deps: Pick<HttpDeps, 'auth' | 'config' | 'printers' | 'admin'>): void {
  app.register(async (scope: HttpApp) => {
    const kioskOf = signedInDevices(scope, deps, (who) => {
      if (!who)
        throw new HttpError(401, 'sign in with the kiosk device id and secret', { headers: { 'www-authenticate': 'Basic realm="vikno"' } });
      if (who.role !== 'kiosk') throw new HttpError(403, `${who.device} is not a kiosk`);
      return who.device;
    });
    scope.route({ ...routeOf(httpApi.printerStatus), handler: (request) => deps.printers.status(kioskOf(request)) });
    scope.route({ ...routeOf(httpApi.printerPrint), handler: (request) => deps.printers.print(kioskOf(request), request.body) });
  });
}
