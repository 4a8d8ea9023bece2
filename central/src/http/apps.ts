// central-web's build: the supervisors' single-page app at /central/ (index.html) and the public page
// at /centres (centres.html), their files under /central/. Built assets are named by content hash, so
// they can be cached for ever; the pages never.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { HttpError } from './errors.js';
import type { CentralApp } from './types.js';

export function webApps(app: CentralApp, dist: string): void {
  const page = (reply: FastifyReply, file: string) => {
    if (!existsSync(join(dist, file))) throw new HttpError(503, 'central-web is not built: run npm run build');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(file, dist);
  };
  app.register(fastifyStatic, {
    root: dist,
    prefix: '/central/',
    cacheControl: false,
    index: false,
    setHeaders: (reply, path) =>
      reply.header('cache-control', path.startsWith(join(dist, 'assets/')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.get('/central', (_request, reply) => reply.redirect('/central/', 302));
  app.get('/central/', (_request, reply) => page(reply, 'index.html'));
  app.get('/centres', (_request, reply) => page(reply, 'centres.html'));
  app.get('/', (_request, reply) => reply.redirect('/centres', 302));
}
