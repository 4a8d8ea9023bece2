// The hub's HTTP edge against hostile and broken requests, over real sockets: paths that try to leave
// an app's folder, malformed % escapes, oversized and malformed bodies, bodies of the wrong shape. A
// server with a made-up apps folder shows what the static file server reaches; a running hub, its APIs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { apiErrorSchema, httpApi } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningHub } from '../src/app.js';
import { BrokerAuth } from '../src/broker/auth.js';
import type { HttpApp } from '../src/http/deps.js';
import { createHttpServer } from '../src/http/server.js';
import { VirtualPrinters } from '../src/kiosk/virtual-printers.js';
import { Pairings } from '../src/security/pairing.js';
import { Store } from '../src/store/store.js';
import { demoConfig, runHub, tempDir } from './harness.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** One request with the path exactly as given: fetch would resolve `..` before sending it. */
function send(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${path} within 5 s`)), 5000);
    const req = request({ host: hostname, port, path, method: opts.method ?? 'GET', headers: opts.headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started });
      });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(opts.body);
  });
}

/**
 * A chunked body written to its end before the answer is read, as a simple client does: what the hub
 * answered, and how long until it ended the connection (or 10 s, when it never did).
 */
function sendChunkedToTheEnd(base: string, path: string, bytes: number): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  const started = performance.now();
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => (answer += data));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, ms: performance.now() - started });
    };
    const timer = setTimeout(done, 10_000);
    socket.on('close', done);
    // The hub may end the connection while the body is on its way (EPIPE, ECONNRESET): `close` follows.
    socket.on('error', () => undefined);
    socket.write(`POST ${path} HTTP/1.1\r\nhost: hub\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`);
    const chunk = `1000\r\n${'a'.repeat(4096)}\r\n`;
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !socket.destroyed) {
        sent += 4096;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      socket.end('0\r\n\r\n');
    };
    pump();
  });
}

const refusal = (answer: Answer) => apiErrorSchema.parse(JSON.parse(answer.body));
const json = { 'content-type': 'application/json' };

describe('the static file server, over a made-up apps folder', () => {
  const SECRET = 'SECRET-not-for-browsers';
  let app: HttpApp;
  let base: string;

  beforeAll(async () => {
    const root = tempDir('vikno-apps-');
    const file = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    file('kiosk/dist/index.html', '<!doctype html><title>kiosk</title>');
    file('kiosk/dist/assets/app-Cx1a2b3c.js', 'console.log("kiosk")');
    // A sibling folder whose name starts with the app folder's name: `kiosk/dist` is a prefix of it.
    file('kiosk/dist-secret/secret.txt', SECRET);
    file('kiosk/admin-secret', SECRET);
    file('public-web/dist/index.html', '<!doctype html><title>visitors</title>');
    const config = demoConfig();
    app = createHttpServer({
      config,
      hub: () => undefined,
      browserMqttUrl: '/mqtt',
      mqtt: () => undefined,
      appsRoot: root,
      log: pino({ level: 'silent' }),
      startedAt: Date.now(),
      auth: new BrokerAuth(config),
      pairings: new Pairings(new Store(':memory:')),
      caFingerprint: null,
      printers: new VirtualPrinters(),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(() => app?.close());

  it('serves an app: its files, its index.html for any other path, cache headers by kind', async () => {
    const index = await send(base, '/kiosk/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>kiosk</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await send(base, '/kiosk/assets/app-Cx1a2b3c.js');
    expect(asset.body).toBe('console.log("kiosk")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const route = await send(base, '/kiosk/some/page');
    expect(route.body).toContain('<title>kiosk</title>');
    expect(route.headers['cache-control']).toBe('no-cache');
    const redirect = await send(base, '/kiosk?device=kiosk-1&secret=x');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('/kiosk/?device=kiosk-1&secret=x');
    expect((await send(base, '/status')).body).toContain('<title>visitors</title>');
  });

  it('reaches nothing outside the app folder: .., encoded dots and separators, a sibling folder that shares its prefix', async () => {
    for (const path of [
      '/kiosk/../admin-secret',
      '/kiosk/%2e%2e/admin-secret',
      '/kiosk/../dist-secret/secret.txt',
      '/kiosk/%2e%2e/dist-secret/secret.txt',
      '/kiosk/%2E%2E%2Fdist-secret%2Fsecret.txt',
      '/kiosk/..%2fdist-secret/secret.txt',
      '/kiosk/assets/../../dist-secret/secret.txt',
      '/public-web/..%2f..%2fkiosk/dist-secret/secret.txt',
    ]) {
      const answer = await send(base, path);
      expect.soft(answer.body, path).not.toContain(SECRET);
      expect.soft(answer.status, path).toBeLessThan(500);
    }
  });

  it('answers a malformed % escape with 400, not 500', async () => {
    for (const path of ['/kiosk/%zz', '/kiosk/%E0%A4%A', '/public-web/assets/%', '/admin/a%2', '/voice-pack/uk/%zz.wav', '/t/%zz']) {
      const answer = await send(base, path);
      expect.soft(answer.status, path).toBe(400);
      expect.soft(answer.status < 400 || refusal(answer).error.includes('%'), path).toBe(true);
    }
  });

  it('registers every route of the shared description, with its schemas', () => {
    for (const [name, route] of Object.entries(httpApi)) expect(app.hasRoute({ method: route.method, url: route.url }), name).toBe(true);
  });
});

describe('an answer that does not fit its schema', () => {
  it('is a 500 whose log line names the route, and the wrong answer is never sent', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const config = demoConfig();
    const app = createHttpServer({
      config,
      hub: () => undefined,
      browserMqttUrl: '/mqtt',
      mqtt: () => undefined,
      appsRoot: tempDir(),
      log,
      startedAt: Date.now(),
      auth: new BrokerAuth(config),
      pairings: new Pairings(new Store(':memory:')),
      caFingerprint: null,
      printers: new VirtualPrinters(),
    });
    // A route with a schema, as every route of the hub has, whose handler answers something else.
    app.get(
      '/test/wrong',
      { schema: { response: { 200: z.object({ waiting: z.number() }) } } },
      async () => ({ waiting: 'many' }) as never,
    );
    const answer = await app.inject({ method: 'GET', url: '/test/wrong' });
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toEqual({ error: 'internal error' });
    expect(answer.body).not.toContain('many');
    expect(lines.join('')).toContain('/test/wrong');
    await app.close();
  });
});

describe('a running hub refusing bad requests', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await runHub();
  });
  afterAll(() => hub?.stop());

  it('no longer answers /api/state (operators’ names and transfer comments, no login)', async () => {
    const answer = await send(hub.httpUrl, '/api/state');
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('operator');
  });

  it('refuses an oversized body with 413 at once, with a Content-Length or chunked', async () => {
    const big = JSON.stringify({ service: 'housing-subsidy', at: 0, phone: 'x'.repeat(100_000) });
    const counted = await send(hub.httpUrl, httpApi.publicBook.url, { method: 'POST', headers: json, body: big });
    expect(counted.status).toBe(413);
    expect(refusal(counted).error).toMatch(/larger than 65536 bytes/);
    const chunked = await sendChunkedToTheEnd(hub.httpUrl, httpApi.publicBook.url, 20 * 1024 * 1024);
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.answer).toContain('larger than 65536 bytes');
    // Before, the hub stopped reading but kept the connection: the client stalled, reset after about 6 s.
    expect(chunked.ms).toBeLessThan(3000);
  });

  it('refuses a body that is not JSON with 400 saying so, and one sent as another type with 415', async () => {
    for (const path of [httpApi.publicBook.url, '/api/track/no-such-token/feedback', httpApi.adminLogin.url]) {
      const answer = await send(hub.httpUrl, path, { method: 'POST', headers: json, body: '{"service": "housing-' });
      expect(answer.status, path).toBe(400);
      expect(refusal(answer), path).toMatchObject({ code: 'bad_request', error: expect.stringMatching(/^the body is not JSON/) });
    }
    // A form or a no-cors fetch from another site cannot send JSON; text/plain would pass as "simple".
    const plain = await send(hub.httpUrl, httpApi.publicBook.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ service: 'housing-subsidy', at: Date.now(), phone: '0671234567' }),
    });
    expect(plain.status).toBe(415);
  });

  it('refuses a body of the wrong shape with 400 naming the field', async () => {
    const book = await send(hub.httpUrl, httpApi.publicBook.url, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ service: 'housing-subsidy', at: 'tomorrow morning', phone: '0671234567' }),
    });
    expect(book.status).toBe(400);
    expect(refusal(book)).toMatchObject({ code: 'bad_request', error: expect.stringContaining('body.at:') });
    expect(refusal(book).error).not.toContain('body.phone');
    const rating = await send(hub.httpUrl, '/api/track/no-such-token/feedback', { method: 'POST', headers: json, body: '{"score": 9}' });
    expect(rating.status).toBe(400);
    expect(refusal(rating).error).toContain('body.score:');
    expect(refusal(rating).problems).toEqual([{ path: ['score'], key: 'config.atMost', params: { maximum: 5 } }]);
  });
});
