import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config, ConfigInput } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyOverrides, type LoadResult, loadConfigFile, parseConfigText, readOverrides } from './load.js';

const DEMO_FILE = new URL('../../../config/demo-centre.yaml', import.meta.url);
const demoText = () => readFileSync(DEMO_FILE, 'utf8');

const SECRET = '$7$1000$YWJjZGVmZ2hpams=$YWJjZGVmZ2hpams=';
const PIN = 'scrypt$16384$8$1$c2FsdA$aGFzaA';

/** A small, valid centre in two languages; tests change one part at a time. */
function small(): ConfigInput {
  return {
    site: { id: 'test', name: { uk: 'Тест', en: 'Test' }, timezone: 'Europe/Kyiv', languages: ['uk', 'en'] },
    serviceGroups: [
      { id: 'docs', names: { uk: 'Документи', en: 'Documents' } },
      { id: 'social', names: { uk: 'Соціальні', en: 'Social' } },
    ],
    services: [
      { id: 'passport', group: 'docs', prefix: 'P', names: { uk: 'Паспорт', en: 'Passport' }, averageServiceMinutes: 15 },
      { id: 'id-card', group: 'docs', prefix: 'I', names: { uk: 'ID-картка', en: 'ID card' }, averageServiceMinutes: 20 },
      { id: 'subsidy', group: 'social', prefix: 'S', names: { uk: 'Субсидія', en: 'Subsidy' }, averageServiceMinutes: 10 },
      { id: 'pension', group: 'social', prefix: 'SP', names: { uk: 'Пенсія', en: 'Pension' }, averageServiceMinutes: 10 },
    ],
    zones: [{ id: 'hall', names: { uk: 'Зал', en: 'Hall' } }],
    counters: [
      { id: 'w1', window: 1, zone: 'hall', services: [{ service: 'passport' }, { service: 'id-card', weight: 2 }] },
      { id: 'w2', window: 2, zone: 'hall', services: [{ service: 'subsidy' }, { service: 'pension' }] },
    ],
    operators: [{ username: 'olena', name: 'Олена', pinHash: PIN, counters: ['w1'] }],
    devices: [
      { id: 'kiosk-1', role: 'kiosk', secretHash: SECRET },
      { id: 'counter-w1', role: 'counter', counter: 'w1', secretHash: SECRET },
    ],
  };
}

const yaml = (c: unknown) => stringify(c);
function problems(r: LoadResult): string[] {
  if (r.ok) throw new Error('expected the config to be refused');
  return r.problems;
}

describe('parseConfigText', () => {
  it('accepts the demo centre file and fills the defaults', () => {
    const r = parseConfigText(demoText(), 'demo-centre.yaml');
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    expect(r.config.site.id).toBe('demo');
    expect(r.config.site.languages).toEqual(['uk', 'en']);
    expect(r.config.http).toEqual({ port: 8080, host: '0.0.0.0', trustProxy: false });
    expect(r.config.appointments.publicBookingsPerHour).toBe(10);
    expect(r.config.broker).toMatchObject({ port: 1883, host: '0.0.0.0' });
    expect(r.config.dataDir).toBe('data');
    expect(r.config.services.every((s) => typeof s.active === 'boolean')).toBe(true);
  });

  it('accepts the small test centre (the base for the failure cases below)', () => {
    const r = parseConfigText(yaml(small()));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('reports a YAML syntax error with the file name and its line', () => {
    const lines = demoText().split('\n');
    const n = lines.findIndex((l) => l.startsWith('  timezone:'));
    expect(n).toBeGreaterThan(0);
    lines[n] = '  timezone: Europe/Kyiv: oops';
    const list = problems(parseConfigText(lines.join('\n'), 'centre.yaml'));
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toMatch(/^centre\.yaml: /);
    expect(list[0]).toContain(`at line ${n + 1}, column`);
  });

  it('reports an unclosed flow sequence at its line', () => {
    const text = 'site:\n  id: x\n  languages: [uk, en\nservices: []\n';
    const list = problems(parseConfigText(text, 'bad.yaml'));
    expect(list.join('\n')).toMatch(/^bad\.yaml: .*at line \d+, column \d+/);
  });

  it('lists every reference problem of a structurally valid file, each with its path', () => {
    const c = small();
    c.services.push(
      { id: 'lost', group: 'x', prefix: 'L', names: { uk: 'Л', en: 'L' }, averageServiceMinutes: 5 }, // services.4: unknown group
      { id: 'copy', group: 'docs', prefix: 'P', names: { uk: 'К', en: 'C' }, averageServiceMinutes: 5 }, // services.5: prefix of passport
    );
    c.counters[1]!.services.push({ service: 'nope' }); // counters.1.services.2
    c.devices!.push({ id: 'counter-w9', role: 'counter', counter: 'w9', secretHash: SECRET }); // devices.2
    c.operators![0]!.counters = ['w1', 'w7']; // operators.0.counters.1
    c.counters.push({ id: 'w1', window: 2, zone: 'attic', services: [{ service: 'passport' }] }); // counters.2
    const list = problems(parseConfigText(yaml(c)));
    expect(list).toEqual(
      expect.arrayContaining([
        'services.4.group: unknown service group "x"',
        'services.5.prefix: prefix "P" is already used by service "passport"',
        'counters.1.services.2.service: unknown service "nope"',
        'devices.2.counter: unknown counter "w9"',
        'operators.0.counters.1: unknown counter "w7"',
        'counters.2.id: duplicate counters "w1"',
        'counters.2.zone: unknown zone "attic"',
        'counters.2.window: window 2 is used by two counters',
      ]),
    );
    expect(list).toHaveLength(8);
  });

  it('lists every structural problem together in one run', () => {
    const c = small();
    c.site.timezone = 'Mars/Olympus_Mons';
    c.services[0]!.prefix = 'a1';
    delete (c.services[1] as { averageServiceMinutes?: number }).averageServiceMinutes;
    (c.counters[0] as { window: unknown }).window = 'one';
    c.http = { port: 70000 };
    (c.devices![0] as { role: string }).role = 'toaster';
    const list = problems(parseConfigText(yaml(c)));
    const paths = list.map((p) => p.slice(0, p.indexOf(':')));
    expect(paths).toEqual(
      expect.arrayContaining([
        'site.timezone',
        'services.0.prefix',
        'services.1.averageServiceMinutes',
        'counters.0.window',
        'http.port',
        'devices.0.role',
      ]),
    );
    expect(list).toContain('site.timezone: an IANA time zone such as Europe/Kyiv');
    expect(list).toContain('services.0.prefix: one to three capital letters');
    expect(list).toContain('services.1.averageServiceMinutes: is required');
    expect(list).toContain('counters.0.window: should be a number, not text');
    expect(list).toContain('http.port: at most 65535');
    expect(list).toContain('devices.0.role: one of: kiosk, display, counter, admin, tablet');
    expect(list).toHaveLength(6);
  });

  it('reports a missing required section at the top level', () => {
    const c = small() as Record<string, unknown>;
    delete c.zones;
    const list = problems(parseConfigText(yaml(c)));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^zones: /);
  });

  it('reports a missing translation for every language of the site', () => {
    const c = small();
    c.services[2]!.names = { uk: 'Субсидія' };
    c.serviceGroups[0]!.names = { en: 'Documents' };
    c.zones[0]!.names = { uk: 'Зал', en: 'Hall', hu: 'Terem' }; // extra languages are fine
    const list = problems(parseConfigText(yaml(c)));
    expect(list).toEqual(['serviceGroups.0.names: missing the uk text', 'services.2.names: missing the en text']);
  });

  it('accepts capital letters of any script as a prefix, and refuses four', () => {
    const c = small();
    c.services[0]!.prefix = 'П';
    c.services[1]!.prefix = 'ΣΖ';
    expect(parseConfigText(yaml(c)).ok).toBe(true);
    c.services[1]!.prefix = 'ABCD';
    expect(problems(parseConfigText(yaml(c)))).toEqual(['services.1.prefix: one to three capital letters']);
  });

  // Known limitation: the reference checks run in a zod superRefine, which zod skips while the
  // structure has errors, so a file with both kinds shows only the structural ones at first.
});

describe('loadConfigFile', () => {
  it('reads a file, and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikno-config-'));
    try {
      const file = join(dir, 'centre.yaml');
      writeFileSync(file, yaml(small()));
      const r = loadConfigFile(file);
      expect(r.ok && r.config.site.id).toBe('test');
      const missing = problems(loadConfigFile(join(dir, 'nope.yaml')));
      expect(missing).toHaveLength(1);
      expect(missing[0]).toMatch(new RegExp(`^${join(dir, 'nope.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ENOENT`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readOverrides', () => {
  const env = { VIKNO_CONFIG: 'env.yaml', VIKNO_DATA_DIR: '/env/data', VIKNO_HTTP_PORT: '8100', VIKNO_MQTT_PORT: '1900' };
  const flags = ['--config', 'flag.yaml', '--data-dir', '/flag/data', '--http-port', '8200', '--mqtt-port', '2900'];

  it('defaults to the demo config and no overrides', () => {
    expect(readOverrides([], {})).toEqual({
      config: 'config/demo-centre.yaml',
      dataDir: undefined,
      httpPort: undefined,
      mqttPort: undefined,
    });
  });

  it('takes the environment variables over the defaults', () => {
    expect(readOverrides([], env)).toEqual({ config: 'env.yaml', dataDir: '/env/data', httpPort: 8100, mqttPort: 1900 });
  });

  it('takes the flags over the environment variables', () => {
    expect(readOverrides(flags, env)).toEqual({ config: 'flag.yaml', dataDir: '/flag/data', httpPort: 8200, mqttPort: 2900 });
    expect(readOverrides(['--http-port=8300'], env)).toEqual({ config: 'env.yaml', dataDir: '/env/data', httpPort: 8300, mqttPort: 1900 });
    expect(readOverrides(['--data-dir', 'd'], { VIKNO_MQTT_PORT: '1' })).toEqual({
      config: 'config/demo-centre.yaml',
      dataDir: 'd',
      httpPort: undefined,
      mqttPort: 1,
    });
  });

  it('accepts the whole port range, 0 meaning any free port', () => {
    expect(readOverrides(['--http-port', '0', '--mqtt-port', '65535'], {})).toMatchObject({ httpPort: 0, mqttPort: 65535 });
  });

  it.each([['abc'], ['70000'], ['65536'], ['-1'], ['8080.5'], [''], [' '], ['0x50'], ['1e3']])(
    'refuses the port %j with a clear message',
    (bad) => {
      expect(() => readOverrides([`--http-port=${bad}`], {})).toThrow(`the HTTP port must be a port number, not "${bad}"`);
      expect(() => readOverrides([], { VIKNO_MQTT_PORT: bad })).toThrow(`the MQTT port must be a port number, not "${bad}"`);
    },
  );

  it('refuses a bad port in the environment even when the other port is a flag', () => {
    expect(() => readOverrides(['--mqtt-port', '1883'], { VIKNO_HTTP_PORT: 'http' })).toThrow(
      'the HTTP port must be a port number, not "http"',
    );
  });

  it('refuses an unknown flag', () => {
    expect(() => readOverrides(['--htp-port', '80'], {})).toThrow(/htp-port/);
  });
});

describe('applyOverrides', () => {
  const base = (): Config => {
    const r = parseConfigText(yaml({ ...small(), dataDir: '/srv/vikno', http: { port: 8080, host: '127.0.0.1' }, broker: { port: 1883 } }));
    if (!r.ok) throw new Error(r.problems.join('\n'));
    return r.config;
  };

  it('changes nothing when nothing was given', () => {
    const c = base();
    expect(applyOverrides(c, { config: 'x.yaml' })).toEqual(c);
  });

  it('changes only the HTTP port when only it was given', () => {
    const c = base();
    const before = structuredClone(c);
    const out = applyOverrides(c, { config: 'x.yaml', httpPort: 9000 });
    expect(out).toEqual({ ...before, http: { ...before.http, port: 9000 } });
    expect(out.http.host).toBe('127.0.0.1');
    expect(c).toEqual(before); // the input is not changed
  });

  it('changes the data folder and the MQTT port, keeping the broker settings', () => {
    const c = base();
    const out = applyOverrides(c, { config: 'x.yaml', dataDir: '/tmp/d', mqttPort: 0 });
    expect(out.dataDir).toBe('/tmp/d');
    expect(out.broker).toEqual({ ...c.broker, port: 0 });
    expect(out.http).toEqual(c.http);
    expect({ ...out, dataDir: c.dataDir, broker: c.broker }).toEqual(c);
  });
});
