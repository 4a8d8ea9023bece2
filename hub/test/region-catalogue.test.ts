import { join } from 'node:path';
import type { Catalogue, CentralCatalogue, Config } from '@vikno/shared';
import { configSchema, type EditableConfig, httpApi, translate } from '@vikno/shared';
import { catalogueVersion } from '@vikno/shared/node';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeCatalogue, RegionCatalogue } from '../src/central/catalogue.js';
import { Store } from '../src/store/store.js';
import { adminCookie, capturedLog, demoConfig, gotoDevice, launchChromium, REPO, runHub } from './harness.js';

const local = demoConfig((c) => ({
  ...c,
  services: [
    ...(c.services ?? []),
    { id: 'local-notary', group: 'consultation', prefix: 'X', names: { uk: 'Нотаріус', en: 'Notary' }, averageServiceMinutes: 15 },
  ],
}));

function message(change: (c: Catalogue) => Catalogue = (c) => c): CentralCatalogue {
  const catalogue = change({
    languages: ['uk', 'en'],
    serviceGroups: local.serviceGroups,
    services: local.services.filter((s) => s.id !== 'local-notary'),
  });
  return { version: catalogueVersion(catalogue), publishedAt: 1, catalogue };
}
const none = { services: [], serviceGroups: [] };
const renamed = message((c) => ({
  ...c,
  services: c.services.map((s) => (s.id === 'consultation' ? { ...s, names: { uk: 'Консультація', en: 'Advice' } } : s)),
}));
const withoutLegalAid = message((c) => ({ ...c, services: c.services.filter((s) => s.id !== 'legal-aid') }));

describe('merging the region catalogue into a hub config', () => {
  it("takes the region's service over the hub's copy under the same id, and keeps the hub's own", () => {
    const merged = mergeCatalogue(local, renamed, none);
    if (!merged.ok) throw new Error(merged.problems.join('\n'));
    expect(merged.config.services.find((s) => s.id === 'consultation')?.names.en).toBe('Advice');
    expect(merged.config.services.map((s) => s.id)).toContain('local-notary');
    expect(merged.config.counters).toEqual(local.counters);
    expect(merged.config.operators).toEqual(local.operators);
  });

  it('drops a service the region dropped from the windows, staff and bookings naming it, with a warning each', () => {
    const ids = { services: local.services.map((s) => s.id), serviceGroups: [] };
    const merged = mergeCatalogue(local, withoutLegalAid, ids);
    if (!merged.ok) throw new Error(merged.problems.join('\n'));
    expect(merged.config.services.map((s) => s.id)).not.toContain('legal-aid');
    expect(merged.config.counters.find((k) => k.id === 'w12')?.services.map((s) => s.service)).not.toContain('legal-aid');
    expect(merged.warnings).toEqual([`window 12 names service "legal-aid", which the region's catalogue no longer has: dropped there`]);
    // A service the region never sent is the hub's own: it stays.
    expect(mergeCatalogue(local, withoutLegalAid, none)).toMatchObject({ ok: true, warnings: [] });
  });

  it('refuses a catalogue that would leave a window with nothing to serve, or a name missing in a language of the hub', () => {
    const pickups = new Set(['pickup-documents', 'pickup-passport']);
    const noPickup = message((c) => ({ ...c, services: c.services.filter((s) => !pickups.has(s.id)) }));
    const failed = mergeCatalogue(local, noPickup, { services: [...pickups], serviceGroups: [] });
    expect(failed.ok).toBe(false);
    const english = message((c) => ({
      ...c,
      languages: ['uk'],
      services: c.services.map((s) => (s.id === 'consultation' ? { ...s, names: { uk: 'Консультація' } } : s)),
    }));
    const missing = mergeCatalogue(local, english, none);
    expect(missing.ok ? [] : missing.problems).toEqual([expect.stringMatching(/^services\.\d+\.names: .*en/)]);
  });
});

describe('a hub taking the catalogue', () => {
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
  });

  function open(dataDir: string, log = capturedLog()) {
    const store = new Store(join(dataDir, 'vikno.db'));
    stores.push(store);
    let running: Config;
    const applied: Config[] = [];
    const opened = RegionCatalogue.open(local, {
      store,
      log: log.log,
      clock: () => 1000,
      apply: async (next) => {
        applied.push(next);
        running = next;
      },
      current: () => running,
    });
    running = opened.config;
    return { ...opened, applied, log, store };
  }

  it('applies a catalogue, keeps it in its record, and runs it again at the next start', async () => {
    const first = open(local.dataDir);
    expect(first.catalogue.version()).toBeNull();
    await first.catalogue.receive(Buffer.from(JSON.stringify(renamed)));
    expect(first.applied).toHaveLength(1);
    expect(first.catalogue.status()).toEqual({ version: renamed.version, publishedAt: 1, appliedAt: 1000 });
    // The same version again (the retained message at a reconnection): nothing to do.
    await first.catalogue.receive(Buffer.from(JSON.stringify(renamed)));
    expect(first.applied).toHaveLength(1);
    first.store.close();
    stores.length = 0;

    const again = open(local.dataDir);
    expect(again.catalogue.version()).toBe(renamed.version);
    expect(again.config.services.find((s) => s.id === 'consultation')?.names.en).toBe('Advice');
  });

  it('ignores a message that does not fit, saying so, and keeps what it runs', async () => {
    const hub = open(demoConfig().dataDir);
    await hub.catalogue.receive(Buffer.from('{"version":'));
    await hub.catalogue.receive(Buffer.from(JSON.stringify({ ...renamed, catalogue: { ...renamed.catalogue, services: [] } })));
    expect(hub.applied).toEqual([]);
    expect(hub.catalogue.version()).toBeNull();
    expect(hub.log.lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'central catalogue: a message that is not JSON; ignored, the hub keeps what it runs',
      'central catalogue: a catalogue that does not fit the contract; ignored, the hub keeps what it runs',
    ]);
  });

  it("refuses an admin's edit of the region's services, not of the hub's own", async () => {
    const hub = open(demoConfig().dataDir);
    await hub.catalogue.receive(Buffer.from(JSON.stringify(renamed)));
    const current = hub.applied[0]!;
    const rename = (id: string) => ({
      ...current,
      services: current.services.map((s) => (s.id === id ? { ...s, names: { ...s.names, en: 'Changed' } } : s)),
    });
    expect(hub.catalogue.regionEdits(current, rename('consultation'))).toEqual([
      { path: ['services'], key: 'config.fromCatalogue', params: { id: 'consultation' } },
    ]);
    expect(hub.catalogue.regionEdits(current, rename('local-notary'))).toEqual([]);
  });
});

describe("the admin's page at a hub taking the catalogue", () => {
  it('shows the version the hub runs, kept from before its restart with the region away', async () => {
    const config = configSchema.parse({
      ...local,
      dataDir: demoConfig().dataDir,
      central: { url: 'mqtt://127.0.0.1:9', password: 'unused', catalogue: true },
    });
    const store = new Store(join(config.dataDir, 'vikno.db'));
    const regionIds = {
      services: renamed.catalogue.services.map((s) => s.id),
      serviceGroups: renamed.catalogue.serviceGroups.map((g) => g.id),
    };
    store.keepCatalogue(renamed.version, JSON.stringify(renamed), JSON.stringify(regionIds), Date.parse('2026-11-23T07:30:00Z'));
    store.close();
    const hub = await runHub(config);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, baseURL: hub.httpUrl });
      await gotoDevice(page, '/admin/');
      await page.getByLabel(translate('uk', 'admin.login.username')).fill('admin');
      await page.getByLabel(translate('uk', 'admin.login.pin')).fill('0000');
      await page.getByRole('button', { name: translate('uk', 'admin.login.submit') }).click();
      const line = page.locator('[data-catalogue]');
      await line.waitFor({ timeout: 10_000 });
      expect(await line.textContent()).toContain(`Каталог послуг регіону: версія ${renamed.version}`);
      await page.screenshot({ path: join(REPO, 'screenshots', 'admin-monitor-catalogue.png') });

      // An edit of a region's service is refused (the next catalogue would undo it); of the hub's own, taken.
      const cookie = await adminCookie(hub);
      const edited = async (id: string) => {
        const editable = (await (
          await fetch(`${hub.httpUrl}${httpApi.adminConfig.url}`, { headers: { cookie } })
        ).json()) as EditableConfig;
        const services = editable.services.map((s) => (s.id === id ? { ...s, names: { ...s.names, en: 'Changed' } } : s));
        return fetch(`${hub.httpUrl}${httpApi.adminConfigSave.url}`, {
          method: 'PUT',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ config: { ...editable, services }, dryRun: true }),
        });
      };
      const refused = await edited('consultation');
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('config.fromCatalogue');
      expect((await edited('local-notary')).status).toBe(200);
    } finally {
      await browser.close();
      await hub.stop();
    }
  }, 60_000);
});
