import { readFileSync } from 'node:fs';
import { type ConfigInput, configSchema, type PublicConfig } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fold, searchServices } from './search.js';

const demo = configSchema.parse(parse(readFileSync(new URL('../../config/demo-centre.yaml', import.meta.url), 'utf8')) as ConfigInput);
const config = { site: demo.site, services: demo.services } as PublicConfig;
const ids = (query: string, lang = 'uk') => searchServices(config, query, lang).map((s) => s.id);

describe('service search', () => {
  it('finds a service by a Cyrillic prefix of any word, ignoring case', () => {
    expect(ids('пасп')).toContain('id-card-exchange');
    expect(ids('ПАСП')).toEqual(ids('пасп'));
    expect(ids('субс')).toEqual(['housing-subsidy']);
  });

  it('needs every typed word to match', () => {
    const one = ids('реєстр');
    const two = ids('реєстр місц');
    expect(two.length).toBeGreaterThan(0);
    expect(two.length).toBeLessThan(one.length);
  });

  it('finds the English name from the Ukrainian screen, and ranks names in the chosen language first', () => {
    expect(ids('subsid')).toEqual(['housing-subsidy']);
    const mixed = searchServices(config, 'з', 'uk');
    expect(mixed.length).toBeGreaterThan(0);
  });

  it('offers no inactive service and nothing for an empty query', () => {
    expect(ids('шлюб')).not.toContain('marriage-registration');
    expect(ids('   ')).toEqual([]);
  });

  it('folds apostrophes and case', () => {
    expect(fold('П’ЯТЬ')).toBe("п'ять");
  });
});

describe('service search, best match first', () => {
  it('a name that begins with the typed text comes before one with the word inside, the shorter name first', () => {
    const found = ids('реєс');
    expect(found[0]).toBe('residence-register');
    const named = (id: string) => config.services.find((s) => s.id === id)?.names.uk ?? '';
    const beginning = found.findIndex((id) => !named(id).startsWith('Реєстр'));
    // Every name that begins with "Реєстр…" before any "Державна реєстрація…".
    expect(found.slice(0, beginning).sort()).toEqual(['residence-child', 'residence-register', 'taxpayer-number']);
    expect(ids('реєстрація місця')[0]).toBe('residence-register');
  });

  it('finds a service by what visitors call it and by common misspellings, after the names that match', () => {
    expect(ids('пропис')).toEqual(['residence-register']);
    expect(ids('реестрац')[0]).toBe('residence-register');
    expect(ids('пашпорт')).toEqual(['id-card-first']);
    expect(ids('несуд')).toEqual(['criminal-record-certificate']);
    expect(ids('регістрац')).toEqual(['residence-register']);
    expect(ids('впо')).toEqual(['idp-certificate']);
    // "закордонного" is in other names: those come first, the service found by its search word after.
    const abroad = ids('закордон');
    expect(abroad.at(-1)).toBe('travel-passport');
    expect(abroad.slice(0, -1).sort()).toEqual(['pickup-passport', 'travel-passport-child', 'travel-passport-urgent']);
  });
});
