// The disk refusing to confirm a group commit (fdatasync failing, as a dying disk does): none of its
// commands is told it succeeded, the hub goes on, and a device repeating one gets the recorded answer.
import { once } from 'node:events';
import { fdatasync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { CommandError, type CommandResult } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerAuth } from '../src/broker/auth.js';
import { type EmbeddedBroker, startEmbeddedBroker } from '../src/broker/embedded.js';
import { Hub } from '../src/service/hub.js';
import { Store } from '../src/store/store.js';
import { closeClients, demoConfig, demoMorning, device, freePort } from './harness.js';

const log = pino({ level: process.env.VIKNO_TEST_LOG ?? 'silent' });
const http = createServer();
let broker: EmbeddedBroker;
let store: Store;
let hub: Hub;
let mqttUrl: string;
let failNextSync = false;

beforeAll(async () => {
  const config = demoConfig();
  store = new Store(join(config.dataDir, 'vikno.db'), {
    fdatasync: (fd, done) => {
      if (!failNextSync) return fdatasync(fd, done);
      failNextSync = false;
      done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    },
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const port = await freePort();
  broker = await startEmbeddedBroker({ auth: new BrokerAuth(config), host: '127.0.0.1', port, http, log });
  mqttUrl = `mqtt://127.0.0.1:${port}`;
  // On the demo's morning: in a real evening the kiosks issue nothing.
  hub = new Hub(config, store, broker.bus, log, demoMorning);
  await hub.start();
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
  await broker.close();
  http.close();
  store.close();
});

describe('a sync the disk does not confirm', () => {
  it('answers its commands with an error, never ok; a repeat gets the recorded answer; the next commands go on', async () => {
    const kiosk = await device({ mqttUrl }, 'kiosk-1');
    const issue = (id: string) => kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' }, { id });
    failNextSync = true;
    const refused = await issue('unconfirmed-1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(CommandError);
    expect((refused as CommandError).code).toBe('internal');

    // It was written, so the record and the hub's state have it: the same id again gets its answer,
    // and the next ticket has the next number rather than the same one.
    const repeated = (await issue('unconfirmed-1')) as CommandResult<'ticket.issue'>;
    const next = (await issue('after-unconfirmed')) as CommandResult<'ticket.issue'>;
    expect(Number(next.ticket.number.split('-').at(-1))).toBe(Number(repeated.ticket.number.split('-').at(-1)) + 1);
    expect(store.reply('kiosk-1', 'unconfirmed-1')).toContain(repeated.ticket.id);
  });
});
