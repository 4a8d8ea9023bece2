// The region's catalogue of services, end to end: `vikno-central catalogue publish` checks and stores
// it, the running central sends it retained to every site, real hubs that take it merge it with their
// own services and run it (kiosk config, tickets), keep it across a restart with the region away,
// report its version, and refuse a catalogue that does not fit; a hub that does not take it ignores it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Catalogue, type Config, centralTopics, httpApi, type PublicConfig } from '@vikno/shared';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  adminCookie,
  capturedLog,
  closeClients,
  counterAt,
  demoConfig,
  demoMorning,
  monitor,
  runHub,
  runScript,
  tempDir,
} from '../../hub/test/harness.js';
import { CENTRAL_USERNAME } from '../src/config.js';
import { centresNow } from '../src/views/centres.js';
import { CENTRAL_MAIN, eventually, type Region, sitePassword, startRegion } from './harness.js';

const dir = tempDir('vikno-catalogue-');

/** The demo centre's groups and services as the region's, with `change` made to them. */
function regionCatalogue(change: (c: Catalogue) => Catalogue): Catalogue {
  const demo = demoConfig();
  return change({ languages: ['uk', 'en'], serviceGroups: demo.serviceGroups, services: demo.services });
}

const VETERANS = {
  id: 'veteran-status',
  group: 'social',
  prefix: 'V',
  names: { uk: 'Статус учасника бойових дій', en: 'Combatant status' },
  searchWords: { uk: ['убд', 'ветеран'] },
  averageServiceMinutes: 20,
  active: true,
};
const v1 = regionCatalogue((c) => ({
  ...c,
  services: [
    ...c.services.map((s) => (s.id === 'consultation' ? { ...s, names: { uk: 'Консультація (регіон)', en: 'Consultation (region)' } } : s)),
    VETERANS,
  ],
}));
const v2 = { ...v1, services: v1.services.filter((s) => s.id !== 'legal-aid') };

function writeCatalogue(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(content));
  return file;
}

const publish = (region: Region, file: string) => runScript(CENTRAL_MAIN, ['catalogue', 'publish', file, '--config', region.configFile]);

const versionIn = (stdout: string) => /catalogue ([0-9a-f]{12})/.exec(stdout)?.[1];

/** A hub of the region: `catalogue` says whether it takes the region's, and it has a service of its own. */
function centreConfig(region: Region, site: string, catalogue: boolean): Config {
  return demoConfig((c) => ({
    ...c,
    site: { ...c.site, id: site },
    services: [
      ...(c.services ?? []),
      {
        id: 'local-notary',
        group: 'consultation',
        prefix: 'X',
        names: { uk: 'Нотаріус центру', en: "The centre's notary" },
        averageServiceMinutes: 15,
      },
    ],
    central: { url: region.brokerUrl, password: sitePassword(site), liveIntervalSeconds: 1, catalogue },
  }));
}

async function kioskConfig(hub: { httpUrl: string }): Promise<PublicConfig> {
  return httpApi.config.response.parse(await (await fetch(`${hub.httpUrl}${httpApi.config.url}`)).json());
}

const serviceIds = (c: PublicConfig) => c.services.map((s) => s.id);

async function centre(region: Region, site: string) {
  const rows = await centresNow(region.db.pool, null, Date.now(), { site });
  return rows[0]?.row;
}

describe("the region's catalogue of services", () => {
  let region: Region;
  beforeAll(async () => {
    region = await startRegion(['north', 'south']);
    await region.startCentral();
  });
  afterAll(async () => {
    await closeClients();
    await region?.close();
  });

  let first = '';
  let second = '';

  it('refuses a catalogue with problems, each said with where it is, and stores nothing', async () => {
    const bad = regionCatalogue((c) => ({
      ...c,
      services: [...c.services, { ...VETERANS, prefix: 'R', names: { uk: 'Без англійської' } }],
    }));
    const out = await publish(region, writeCatalogue('bad.yaml', bad));
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('is not a valid catalogue; nothing published');
    expect(out.stderr).toMatch(/services\.\d+\.prefix: .*"R"/);
    expect(out.stderr).toMatch(/services\.\d+\.names: .*en/);
    const { rows } = await region.db.pool.query('SELECT version FROM catalogues');
    expect(rows).toEqual([]);
  }, 120_000);

  it('reaches the hubs that take it, beside their own services; a hub that does not take it keeps its own', async () => {
    const out = await publish(region, writeCatalogue('v1.yaml', v1));
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    first = versionIn(out.stdout) ?? '';
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    // The same content again: the same version, nothing changes.
    const again = await publish(region, writeCatalogue('v1-again.yaml', { ...v1, languages: ['uk', 'en'] }));
    expect(again.stdout).toContain(`catalogue ${first} is already the region's current one`);

    const north = await runHub(centreConfig(region, 'north', true));
    const south = await runHub(centreConfig(region, 'south', false));
    try {
      const config = await eventually(
        async () => {
          const c = await kioskConfig(north);
          return serviceIds(c).includes('veteran-status') ? c : undefined;
        },
        30_000,
        'the catalogue at the hub',
      );
      expect(serviceIds(config)).toContain('local-notary');
      expect(config.services.find((s) => s.id === 'consultation')?.names.en).toBe('Consultation (region)');
      // The engine runs it: a ticket for the region's new service.
      const counter = await counterAt(north, 'w3', 'mykola', '1234', 'north');
      const issued = (await counter.command('ticket.issue', { service: 'veteran-status', language: 'uk' })) as {
        ticket: { number: string };
      };
      expect(issued.ticket.number).toMatch(/^V-/);
      expect((await monitor(north, await adminCookie(north))).catalogue?.version).toBe(first);
      const row = await eventually(async () => {
        const r = await centre(region, 'north');
        return r?.catalogueVersion === first ? r : undefined;
      }, 30_000);
      expect(row.catalogueBehind).toBe(false);

      // South does not take it: its summaries come, without a version, and its services stay its own.
      const since = demoMorning();
      const southRow = await eventually(async () => {
        const r = await centre(region, 'south');
        return r?.liveAt && r.liveAt > since ? r : undefined;
      }, 30_000);
      expect(southRow.catalogueVersion).toBeNull();
      expect(southRow.catalogueBehind).toBe(false);
      const own = await kioskConfig(south);
      expect(serviceIds(own)).not.toContain('veteran-status');
      expect(own.services.find((s) => s.id === 'consultation')?.names.en).not.toBe('Consultation (region)');
      expect((await monitor(south, await adminCookie(south))).catalogue).toBeNull();
    } finally {
      await closeClients();
      await north.stop();
      await south.stop();
    }
  }, 120_000);

  it('runs the catalogue applied last when restarted with the region away, and takes the new one when it is back', async () => {
    const config = centreConfig(region, 'north', true);
    let north = await runHub(config);
    const applied = await eventually(
      async () => (await monitor(north, await adminCookie(north))).catalogue ?? undefined,
      30_000,
      'the catalogue applied',
    );
    await eventually(
      async () => {
        const r = await centre(region, 'north');
        return (r?.liveAt ?? 0) > applied.appliedAt && r?.catalogueVersion === first ? r : undefined;
      },
      30_000,
      'the version reported',
    );
    await north.stop();

    const out = await publish(region, writeCatalogue('v2.yaml', v2));
    expect(out.code).toBe(0);
    second = versionIn(out.stdout) ?? '';
    expect(second).not.toBe(first);
    // North's last word was the first version: the region's page says it is behind.
    expect(await centre(region, 'north')).toMatchObject({ catalogueVersion: first, catalogueBehind: true });

    // Sent, retained, before the broker goes: it keeps nothing across a restart (persistence false), so
    // the hub coming online is what makes central send it again.
    const asNorth = await connectAsync(region.brokerUrl, { protocolVersion: 4, username: 'north', password: sitePassword('north') });
    let retained = '';
    asNorth.on('message', (_topic, payload) => {
      retained = JSON.parse(payload.toString()).version;
    });
    await asNorth.subscribeAsync(centralTopics.catalogue('north'));
    await eventually(async () => retained === second || undefined, 10_000, 'the retained catalogue');
    await asNorth.endAsync();
    await region.stopBroker();
    const hubLog = capturedLog();
    north = await runHub(config, undefined, hubLog.log);
    try {
      const away = await kioskConfig(north);
      expect(serviceIds(away)).toContain('veteran-status');
      expect(serviceIds(away)).toContain('legal-aid');
      expect((await monitor(north, await adminCookie(north))).catalogue?.version).toBe(first);

      await region.startBroker();
      const now = await eventually(
        async () => {
          const c = await kioskConfig(north);
          return serviceIds(c).includes('legal-aid') ? undefined : c;
        },
        30_000,
        'the second catalogue',
      );
      // Window 12 named the service the region dropped: it lost it, with a warning, and still serves.
      expect(now.counters.find((k) => k.id === 'w12')?.services.map((s) => s.service)).not.toContain('legal-aid');
      expect(hubLog.lines.some((l) => l.level === 40 && l.msg.includes('window 12 names service "legal-aid"'))).toBe(true);
      expect(serviceIds(now)).toContain('local-notary');
      const counter = await counterAt(north, 'w3', 'mykola', '1234', 'north');
      await counter.command('ticket.issue', { service: 'consultation', language: 'uk' });
      await eventually(async () => {
        const r = await centre(region, 'north');
        return r?.catalogueVersion === second && !r.catalogueBehind ? r : undefined;
      }, 30_000);
    } finally {
      await closeClients();
      await north.stop();
    }
  }, 120_000);

  it('ignores a catalogue message that does not fit, saying so, and keeps what it runs', async () => {
    const hubLog = capturedLog();
    const north = await runHub(centreConfig(region, 'north', true), undefined, hubLog.log);
    try {
      await eventually(async () => ((await monitor(north, await adminCookie(north))).catalogue?.version === second ? true : undefined));
      // Only central's user may write the catalogue topic, and the broker takes one connection per user.
      await region.stopCentral();
      const asCentral = await connectAsync(region.brokerUrl, {
        protocolVersion: 4,
        clientId: CENTRAL_USERNAME,
        username: CENTRAL_USERNAME,
        password: region.config.broker.password,
      });
      await asCentral.publishAsync(
        centralTopics.catalogue('north'),
        JSON.stringify({ version: 'f00f00f00f00', publishedAt: Date.now(), catalogue: { languages: ['uk'], services: [] } }),
        { qos: 1, retain: true },
      );
      await eventually(
        async () => hubLog.lines.some((l) => l.level === 50 && l.msg.includes('a catalogue that does not fit the contract')) || undefined,
      );
      await asCentral.endAsync();
      expect((await monitor(north, await adminCookie(north))).catalogue?.version).toBe(second);
      expect(serviceIds(await kioskConfig(north))).toContain('veteran-status');
      // Central, back, sends the current one again over the bad retained message.
      await region.startCentral();
      const { rows } = await region.db.pool.query<{ version: string }>('SELECT version FROM catalogues ORDER BY published_at DESC LIMIT 1');
      expect(rows[0]?.version).toBe(second);
    } finally {
      await north.stop();
    }
  }, 120_000);
});
