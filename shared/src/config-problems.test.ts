import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ConfigInput, configSchema } from './config.js';
import { type ConfigProblem, configProblemMessage, configProblems, describeConfigIssues } from './config-problems.js';
import { type MessageKey, translate } from './i18n.js';
import { configEn, configUk } from './messages/config.js';

const small = (): ConfigInput => ({
  site: { id: 'c', name: { uk: 'Центр', en: 'Centre' }, timezone: 'Europe/Kyiv', languages: ['uk', 'en'] },
  serviceGroups: [{ id: 'g', names: { uk: 'Група', en: 'Group' } }],
  services: [{ id: 's', group: 'g', prefix: 'A', names: { uk: 'Послуга', en: 'Service' }, averageServiceMinutes: 10 }],
  zones: [{ id: 'z', names: { uk: 'Зона', en: 'Zone' } }],
  counters: [{ id: 'w1', window: 1, zone: 'z', services: [{ service: 's' }] }],
});

function problemsOf(change: (c: ConfigInput) => unknown): ConfigProblem[] {
  const input = change(small());
  const parsed = configSchema.safeParse(input);
  if (parsed.success) throw new Error('expected the config to be refused');
  return configProblems(parsed.error, input);
}

const inUk = (p: ConfigProblem) => configProblemMessage(p, (key: MessageKey, params) => translate('uk', key, params));
const inEn = (p: ConfigProblem) => configProblemMessage(p, (key: MessageKey, params) => translate('en', key, params));

describe('config problems', () => {
  it('tell a missing value, a wrong type and a fraction apart, by what was given', () => {
    const [missing, text, fraction] = problemsOf((c) => ({
      ...c,
      services: [{ ...c.services[0], averageServiceMinutes: undefined }],
      counters: [
        { ...c.counters[0], window: 'one' },
        { ...c.counters[0], id: 'w2', window: 2.5 },
      ],
    }));
    expect(missing).toEqual({ path: ['services', 0, 'averageServiceMinutes'], key: 'config.required', params: {} });
    expect(text).toEqual({ path: ['counters', 0, 'window'], key: 'config.type', params: { expected: 'number', received: 'string' } });
    expect(inUk(text!)).toBe('має бути число, а не текст');
    expect(inEn(text!)).toBe('should be a number, not text');
    expect(fraction).toMatchObject({ path: ['counters', 1, 'window'], key: 'config.wholeNumber' });
  });

  it('give the limits of sizes and numbers, and the allowed values', () => {
    const problems = problemsOf((c) => ({
      ...c,
      services: [{ ...c.services[0], names: { uk: '', en: 'Service' }, averageServiceMinutes: 0 }],
      counters: [{ ...c.counters[0], services: [] }],
      operators: [],
      devices: [{ id: 'd', role: 'toaster', secretHash: '$7$1$a$b' }],
      http: { port: 70000 },
    }));
    const byPath = Object.fromEntries(problems.map((p) => [p.path.join('.'), inUk(p)]));
    expect(byPath).toEqual({
      'services.0.names.uk': 'не може бути порожнім',
      'services.0.averageServiceMinutes': 'більше ніж 0',
      'counters.0.services': 'потрібен хоча б один',
      'devices.0.role': 'одне з: kiosk, display, counter, admin, tablet',
      'http.port': 'щонайбільше 65535',
    });
  });

  it('say a schema message of the catalog in the language asked, a bad record key at its path', () => {
    const problems = problemsOf((c) => ({
      ...c,
      site: { ...c.site, timezone: 'Mars/Olympus', name: { uk: 'Центр', en: 'Centre', EN: 'x' } },
      services: [{ ...c.services[0], prefix: 'a1' }],
    }));
    expect(problems.map((p) => [p.path.join('.'), inUk(p)])).toEqual([
      ['site.name.EN', 'код мови з двох або трьох літер, як-от uk чи en'],
      ['site.timezone', 'часовий пояс IANA, як-от Europe/Kyiv'],
      ['services.0.prefix', 'від однієї до трьох великих літер'],
    ]);
  });

  it('carry the names in a cross-reference problem, for either language', () => {
    const [unknown] = problemsOf((c) => ({ ...c, counters: [{ ...c.counters[0], services: [{ service: 'nope' }] }] }));
    expect(unknown).toEqual({ path: ['counters', 0, 'services', 0, 'service'], key: 'config.unknownService', params: { id: 'nope' } });
    expect(inUk(unknown!)).toBe('невідома послуга «nope»');
    expect(inEn(unknown!)).toBe('unknown service "nope"');
  });

  it('describe a field nobody knows and a wrong address too, and fall back to "not valid"', () => {
    const schema = z.strictObject({ url: z.string().url(), n: z.number().refine((n) => n > 1) });
    const input = { url: 'not a url', n: 1, extra: true };
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error && describeConfigIssues(parsed.error, input)).toEqual([
      'url: an address such as mqtt://host:1883',
      'n: is not valid',
      '(file): unknown fields: extra',
    ]);
  });

  it('are all in Ukrainian, not left in English', () => {
    // Words that are the same in both (codes, examples) sit inside a longer Ukrainian sentence.
    const same = Object.keys(configEn).filter((k) => configUk[k as keyof typeof configEn] === configEn[k as keyof typeof configEn]);
    expect(same).toEqual([]);
  });
});
