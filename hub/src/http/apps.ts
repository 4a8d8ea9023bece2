// The built web apps (browser mode): /kiosk/, /display/, /counter/, /admin/, and the visitors' pages
// /t/<token>, /status, /book and /rate with their files under /public-web/. Each app is a single-page
// app: a path that is not one of its files gets its index.html, which routes by path.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { HttpApp } from './deps.js';
import { HttpError } from './errors.js';

/** URL path → the app's build folder (relative to the repository root). */
export const APPS = { kiosk: 'kiosk/dist', display: 'display/dist', counter: 'counter-terminal/dist', admin: 'admin/dist' } as const;
/** The visitors' app: its build folder and the path its files are served under (its Vite `base`). */
const PUBLIC_WEB = { dist: 'public-web/dist', prefix: '/public-web' } as const;
/** The visitors' pages (`/rate` is the counter's feedback tablet). */
const PUBLIC_PAGES = ['/t/:token', '/status', '/book', '/rate'];

export function webApps(app: HttpApp, appsRoot: string): void {
  for (const [name, dist] of Object.entries(APPS)) {
    // `/kiosk?device=…` → `/kiosk/?device=…`: the page's own paths are relative to its folder.
    app.get(`/${name}`, (request, reply) => reply.redirect(`/${name}/${searchOf(request.url)}`, 302));
    app.register(builtApp(resolve(appsRoot, dist)), { prefix: `/${name}` });
  }
  const publicWeb = resolve(appsRoot, PUBLIC_WEB.dist);
  app.register(builtApp(publicWeb), { prefix: PUBLIC_WEB.prefix });
  for (const page of PUBLIC_PAGES) app.get(page, (_request, reply) => sendIndex(reply, publicWeb));
}

/** One app's folder: its files as they are, its index.html for any other path. */
function builtApp(root: string) {
  // Vite names built assets by content hash, so they can be cached for ever; index.html never.
  const assets = join(root, 'assets/');
  return async (scope: HttpApp) => {
    scope.addHook('onRequest', async () => {
      if (!existsSync(root)) throw new HttpError(503, 'this app is not built: run npm run build');
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/',
      decorateReply: false,
      cacheControl: false,
      suppressWarning: true,
      setHeaders: (reply, path) =>
        reply.header('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    scope.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(404, `nothing at ${request.method} ${request.url}`);
      return sendIndex(reply, root);
    });
  };
}

function sendIndex(reply: FastifyReply, root: string): FastifyReply {
  if (!existsSync(root)) throw new HttpError(503, 'this app is not built: run npm run build');
  return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
}

function searchOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q);
}
