import type { Catalogue } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCatalogue, regionCatalogue, storeCatalogue } from '../../catalogue/catalogue.js';
import { startTestDatabase, type TestDatabase } from '../test-database.js';

const catalogue = (name: string): Catalogue => ({
  languages: ['uk', 'en'],
  serviceGroups: [{ id: 'passports', names: { uk: 'Паспорти', en: 'Passports' } }],
  services: [
    { id: 'id-card', group: 'passports', prefix: 'I', names: { uk: 'ID-картка', en: name }, averageServiceMinutes: 15, active: true },
  ],
});

describe('migration 004: catalogue', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(() => db?.close());

  it('keeps each content once under its version; the one published last is current, again when republished', async () => {
    expect(await currentCatalogue(db.pool)).toBeNull();
    const a = await storeCatalogue(db.pool, catalogue('ID card'));
    expect(a).toMatchObject({ changed: true, version: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(await storeCatalogue(db.pool, catalogue('ID card'))).toEqual({ ...a, changed: false });
    const b = await storeCatalogue(db.pool, catalogue('Identity card'));
    expect(b.version).not.toBe(a.version);
    expect((await currentCatalogue(db.pool))?.catalogue.services[0]?.names.en).toBe('Identity card');
    // Back to the first content: the first version, current again, first published when it was.
    const again = await storeCatalogue(db.pool, catalogue('ID card'));
    expect(again).toEqual({ ...a, changed: true });
    expect(await regionCatalogue(db.pool)).toEqual({ version: a.version, publishedAt: a.publishedAt });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM catalogues')).rows[0].n).toBe(2);
  });

  it('refuses a version that is not a content hash', async () => {
    await expect(db.pool.query("INSERT INTO catalogues (version, content) VALUES ('v1', '{}')")).rejects.toThrow(/check/);
  });
});
