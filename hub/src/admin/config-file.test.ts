// An admin edit written into the centre's file changes the lines of that edit and no other: each test
// builds the file it expects by changing exactly those lines of config/demo-centre.yaml by hand, and
// the editor's file must be that text, byte for byte (so every comment, quote and flow list survives).
import { readFileSync } from 'node:fs';
import { type Config, configSchema } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../config/load.js';
import { editConfigText, fileDiff } from './config-file.js';

const DEMO = readFileSync(new URL('../../../config/demo-centre.yaml', import.meta.url), 'utf8');
const PIN_HASH = 'scrypt$16384$8$1$Oqe6z5sbY-hNAgxNB2B0ew$bz7nQfz6quzooaBloWlaRb0ujeVazvOrO_6f8PY-Rvo';
const SECRET_HASH = '$7$20000$GFh/214rofmeg1Xg$L6DFsBW4w6+XPMMzCxpwsFSHhCsg4PhSK+z9D/hOV6EN5e8mBFw7xzLFUVhWd4RANn2dFa1JHOZPTV2jLtWRCw==';

function configOf(text: string): Config {
  const read = parseConfigText(text);
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.config;
}

/** The file after `change` is made to the config it describes, as the admin page would make it. */
function edited(change: (c: Config) => void, text = DEMO): string {
  const config = configOf(text);
  change(config);
  const result = editConfigText(text, configSchema.parse(config));
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.text;
}

function refusal(change: (c: Config) => void, text: string) {
  const config = configOf(text);
  change(config);
  const result = editConfigText(text, configSchema.parse(config));
  if (result.ok) throw new Error('expected the edit to be refused');
  return result.problem;
}

/** `text` with `old` (which must be in it exactly once) replaced by `now`: the expected file, by hand. */
function replaced(text: string, ...pairs: [old: string, now: string][]): string {
  let out = text;
  for (const [old, now] of pairs) {
    expect(out.split(old).length - 1, `"${old}" once in the file`).toBe(1);
    out = out.replace(old, () => now);
  }
  return out;
}

const comments = (text: string) => text.split(/\r?\n/).filter((l) => l.trimStart().startsWith('#'));
const byId = <T extends { id: string }>(list: T[], id: string): T => {
  const item = list.find((x) => x.id === id);
  if (!item) throw new Error(`no ${id}`);
  return item;
};

describe('an admin edit in the centre file', () => {
  it('a renamed service changes its one line', () => {
    const out = edited((c) => {
      byId(c.services, 'id-card-exchange').names.uk = 'Обмін ID-картки — нова назва';
    });
    expect(out).toBe(
      replaced(DEMO, ['      uk: Обмін паспорта громадянина України (ID-картка)\n', '      uk: Обмін ID-картки — нова назва\n']),
    );
  });

  it('a new service is written like its neighbours, without the defaults they leave out', () => {
    const out = edited((c) => {
      c.services.push({
        id: 'notary',
        group: 'consultation',
        prefix: 'QN',
        names: { uk: 'Нотаріальні послуги', en: 'Notary services' },
        averageServiceMinutes: 15,
        active: true,
      });
    });
    const last = '      en: Free legal aid consultation\n    averageServiceMinutes: 20\n';
    expect(out).toBe(
      replaced(DEMO, [
        last,
        `${last}  - id: notary\n    group: consultation\n    prefix: QN\n    names:\n      uk: Нотаріальні послуги\n      en: Notary services\n    averageServiceMinutes: 15\n`,
      ]),
    );
  });

  it('a removed service takes only its own lines: the comment above it stays above the next one', () => {
    const out = edited((c) => {
      c.services = c.services.filter((s) => s.id !== 'fop-registration');
      const w9 = byId(c.counters, 'w9');
      w9.services = w9.services.filter((s) => s.service !== 'fop-registration');
    });
    expect(out).toBe(
      replaced(
        DEMO,
        [
          '  - id: fop-registration\n    group: business\n    prefix: B\n    names:\n      uk: Державна реєстрація фізичної особи — підприємця\n      en: Registration of a sole proprietor (FOP)\n    averageServiceMinutes: 15\n',
          '',
        ],
        ['      - { service: fop-registration, weight: 5 }\n', ''],
      ),
    );
    expect(comments(out)).toEqual(comments(DEMO));
  });

  it("a window's services: an entry changed in place, one added, a weight changed — flow maps as the file writes them", () => {
    const out = edited((c) => {
      const w3 = byId(c.counters, 'w3');
      w3.services = w3.services.map((s) =>
        s.service === 'residence-register'
          ? { service: 'consultation', weight: 1 }
          : s.service === 'travel-passport'
            ? { ...s, weight: 3 }
            : s,
      );
      w3.services.push({ service: 'legal-aid', weight: 1 });
    });
    expect(out).toBe(
      replaced(DEMO, [
        '      - { service: travel-passport, weight: 2 }\n      - { service: residence-register, weight: 1 }\n',
        '      - { service: travel-passport, weight: 3 }\n      - { service: consultation, weight: 1 }\n      - { service: legal-aid, weight: 1 }\n',
      ]),
    );
  });

  it('operators: one added (flow lists as the others), roles changed, counters given, one removed', () => {
    const out = edited((c) => {
      c.operators.push({ username: 'yulia', name: 'Юлія Гончаренко', pinHash: PIN_HASH, roles: ['operator'], counters: ['w10'] });
      const petro = c.operators.find((o) => o.username === 'petro');
      if (petro) petro.roles = ['operator'];
      const olena = c.operators.find((o) => o.username === 'olena');
      if (olena) olena.counters = ['w1', 'w2'];
      c.operators = c.operators.filter((o) => o.username !== 'nataliia');
    });
    const olena = '    pinHash: scrypt$16384$8$1$Oqe6z5sbY-hNAgxNB2B0ew$bz7nQfz6quzooaBloWlaRb0ujeVazvOrO_6f8PY-Rvo\n  - username: petro\n';
    const serhii = '  - username: serhii\n    name: Сергій Поліщук\n';
    expect(out).toBe(
      replaced(
        DEMO,
        [olena, olena.replace('\n  - username', '\n    counters: [w1, w2]\n  - username')],
        ['    roles: [supervisor, operator]\n', '    roles: [operator]\n'],
        [
          '  - username: nataliia\n    name: Наталія Лисенко\n    pinHash: scrypt$16384$8$1$-_PsY9UTsrkn7v_7aYhG8Q$vjqpRyFrHFQKkufLMaUGUO2tfQUXlDwnk2kyapySCBY\n',
          '',
        ],
        [
          `${serhii}    pinHash: scrypt$16384$8$1$Oqe6z5sbY-hNAgxNB2B0ew$bz7nQfz6quzooaBloWlaRb0ujeVazvOrO_6f8PY-Rvo\n    roles: [registrar]\n    services: [land-plot-registration, property-registration]\n`,
          `${serhii}    pinHash: scrypt$16384$8$1$Oqe6z5sbY-hNAgxNB2B0ew$bz7nQfz6quzooaBloWlaRb0ujeVazvOrO_6f8PY-Rvo\n    roles: [registrar]\n    services: [land-plot-registration, property-registration]\n  - username: yulia\n    name: Юлія Гончаренко\n    pinHash: ${PIN_HASH}\n    counters: [w10]\n`,
        ],
      ),
    );
  });

  it('devices: one added at the end, a zone given where its neighbours write it, the last one removed with its comment kept', () => {
    const out = edited((c) => {
      c.devices.push({ id: 'kiosk-3', role: 'kiosk', secretHash: SECRET_HASH });
      byId(c.devices, 'display-hall').zone = 'front-office';
    });
    expect(out).toBe(
      replaced(
        DEMO,
        ['  - id: display-hall\n    role: display\n', '  - id: display-hall\n    role: display\n    zone: front-office\n'],
        ['9eXg==\n', `9eXg==\n  - id: kiosk-3\n    role: kiosk\n    secretHash: ${SECRET_HASH}\n`],
      ),
    );
    const withoutTablet = edited((c) => {
      c.devices = c.devices.filter((d) => d.id !== 'tablet-w3');
    });
    const tablet = DEMO.slice(DEMO.indexOf('  - id: tablet-w3\n'));
    expect(withoutTablet).toBe(replaced(DEMO, [tablet, '']));
    expect(comments(withoutTablet)).toEqual(comments(DEMO));
  });

  it('business hours: a time changed, a day added and one removed, quoted and in flow as the file writes them', () => {
    const out = edited((c) => {
      const hours = c.site.businessHours;
      hours.mon = [['08:00', '19:00']];
      hours.sun = [['10:00', '14:00']];
      delete hours.sat;
    });
    expect(out).toBe(
      replaced(
        DEMO,
        ['    mon: [["08:00", "20:00"]]\n', '    mon: [["08:00", "19:00"]]\n'],
        ['    sat: [["09:00", "16:00"]]\n', '    sun: [["10:00", "14:00"]]\n'],
      ),
    );
  });

  it('settings: a value the file has is changed in place; one it leaves to its default is added alone', () => {
    const out = edited((c) => {
      c.queue.maxWaitMinutes = 30;
      c.queue.estimateSampleSize = 25;
      c.announcements.quietHours = [['20:00', '08:00']];
    });
    expect(out).toBe(
      replaced(
        DEMO,
        ['  maxWaitMinutes: 45\n', '  maxWaitMinutes: 30\n'],
        ['        en: Incomplete documents\n', '        en: Incomplete documents\n  estimateSampleSize: 25\n'],
        ['  quietHours: []\n', '  quietHours: [["20:00", "08:00"]]\n'],
      ),
    );
  });

  it('a section the file leaves to its defaults gets only the value that now differs, set apart like the others', () => {
    const kiosk = DEMO.slice(DEMO.indexOf('kiosk:\n'), DEMO.indexOf('# The hub'));
    const without = replaced(DEMO, [kiosk, '']);
    const out = edited((c) => {
      c.kiosk.idleSeconds = 60;
    }, without);
    expect(out).toBe(`${without}\nkiosk:\n  idleSeconds: 60\n`);
  });

  it('quotes what a YAML 1.1 reader would misread: times, no/yes/on/off, octal-looking numbers', () => {
    const out = edited((c) => {
      byId(c.services, 'consultation').prefix = 'ON';
      c.kiosk.ticketFooter = { ...c.kiosk.ticketFooter, uk: 'no' };
      c.services.push({
        id: '0777',
        group: 'pickup',
        prefix: 'Y',
        names: { uk: '08:30', en: 'yes' },
        averageServiceMinutes: 5,
        active: true,
      });
      c.announcements.quietHours = [['20:00', '08:00']];
    });
    expect(out).toContain('    prefix: "ON"\n');
    expect(out).toContain('    uk: "no"\n');
    expect(out).toContain('  - id: "0777"\n    group: pickup\n    prefix: "Y"\n    names:\n      uk: "08:30"\n      en: "yes"\n');
    // Read back as YAML 1.1 (PyYAML's rules), what the edit wrote is still text.
    const old = parse(out, { version: '1.1' }) as Config;
    expect(byId(old.services, 'consultation').prefix).toBe('ON');
    expect(old.kiosk.ticketFooter.uk).toBe('no');
    expect(byId(old.services, '0777')).toMatchObject({ prefix: 'Y', names: { uk: '08:30', en: 'yes' } });
    expect(old.announcements.quietHours).toEqual([['20:00', '08:00']]);
  });

  it('keeps every line it does not change as written: columns, blank lines, spaces, \\r\\n line ends', () => {
    const odd = DEMO.replace('  timezone: Europe/Kyiv\n', "  timezone:      Europe/Kyiv     # the centre's clock\n")
      .replace('\nserviceGroups:', '\n\n\nserviceGroups:')
      .replace('    prefix: IE\n', '    prefix:   IE   \n')
      .replace('      - { service: residence-register, weight: 5 }', '      - {service: residence-register,   weight: 5}')
      .replaceAll('\n', '\r\n');
    const out = edited((c) => {
      byId(c.services, 'id-card-exchange').names.uk = 'Обмін ID-картки — нова назва';
      byId(c.services, 'id-card-exchange').averageServiceMinutes = 25;
    }, odd);
    expect(out).toBe(
      replaced(
        odd,
        ['      uk: Обмін паспорта громадянина України (ID-картка)\r\n', '      uk: Обмін ID-картки — нова назва\r\n'],
        [
          "      en: Replacement of the citizen's passport (ID card)\r\n    averageServiceMinutes: 20\r\n",
          "      en: Replacement of the citizen's passport (ID card)\r\n    averageServiceMinutes: 25\r\n",
        ],
      ),
    );
  });
});

describe('a file the editor cannot keep is refused, not flattened', () => {
  const rename = (c: Config) => {
    byId(c.services, 'id-card-exchange').names.uk = 'Обмін ID-картки — нова назва';
  };

  it('anchors and aliases, at their line', () => {
    const text = replaced(DEMO, [
      '    mon: [["08:00", "20:00"]]\n    tue: [["09:00", "20:00"]]\n    wed: [["08:00", "20:00"]]\n',
      '    mon: &long [["08:00", "20:00"]]\n    tue: [["09:00", "20:00"]]\n    wed: *long\n',
    ]);
    const line = text.split('\n').findIndex((l) => l.includes('&long')) + 1;
    expect(refusal(rename, text)).toEqual({ path: [], key: 'config.file.aliases', params: { line } });
  });

  it('a YAML tag, at its line', () => {
    const text = replaced(DEMO, ['  timezone: Europe/Kyiv\n', '  timezone: !!str Europe/Kyiv\n']);
    expect(refusal(rename, text)).toEqual({ path: [], key: 'config.file.tags', params: { line: 12 } });
  });

  it('a change inside lines written in a way the editor would rewrite (a section indented by four)', () => {
    const kiosk = DEMO.slice(DEMO.indexOf('kiosk:\n'), DEMO.indexOf('\n# The hub'));
    const four = kiosk.replace(/^( +)/gm, '$1$1');
    const text = replaced(DEMO, [kiosk, four]);
    const line = text.slice(0, text.indexOf('    ticketFooter:')).split('\n').length;
    const idle = (c: Config) => {
      c.kiosk.idleSeconds = 60;
    };
    expect(refusal(idle, text)).toEqual({ path: [], key: 'config.file.layout', params: { line } });
    // An edit elsewhere is made, and those lines stay as they are.
    expect(edited(rename, text)).toBe(
      replaced(text, ['      uk: Обмін паспорта громадянина України (ID-картка)\n', '      uk: Обмін ID-картки — нова назва\n']),
    );
  });

  it('more than one document, or a file that no longer describes a valid centre', () => {
    // Files changed by hand since the hub read them.
    const config = configOf(DEMO);
    rename(config);
    const problem = (text: string) => {
      const result = editConfigText(text, config);
      return result.ok ? null : result.problem;
    };
    expect(problem(`${DEMO}---\nsite: {}\n`)).toEqual({ path: [], key: 'config.file.documents', params: {} });
    const broken = replaced(DEMO, ['    prefix: IE\n', '    prefix: ie\n']);
    expect(problem(broken)).toMatchObject({
      key: 'config.file.invalid',
      params: { problems: expect.stringContaining('services.6.prefix') },
    });
  });
});

describe('the lines of an edit shown before saving', () => {
  it('removed and added lines with their numbers and two lines around, hashes hidden', () => {
    const out = edited((c) => {
      c.operators.push({ username: 'yulia', name: 'Юлія Гончаренко', pinHash: PIN_HASH, roles: ['operator'], counters: [] });
      byId(c.services, 'id-card-exchange').names.uk = 'Обмін ID-картки — нова назва';
    });
    const diff = fileDiff('/etc/vikno/centre.yaml', DEMO, out);
    expect(diff).toMatchObject({ file: 'centre.yaml', removed: 1, added: 4 });
    expect(diff.hunks).toHaveLength(2);
    const lineOf = (text: string) => DEMO.slice(0, DEMO.indexOf(text)).split('\n').length;
    const renamed = lineOf('      uk: Обмін паспорта громадянина України (ID-картка)');
    expect(diff.hunks[0]?.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', before: renamed, text: '      uk: Обмін паспорта громадянина України (ID-картка)' },
      { kind: 'added', after: renamed, text: '      uk: Обмін ID-картки — нова назва' },
    ]);
    expect(diff.hunks[0]?.[0]).toEqual({ kind: 'same', before: renamed - 2, after: renamed - 2, text: '    prefix: IE' });
    const added = diff.hunks[1]?.filter((l) => l.kind === 'added').map((l) => l.text);
    expect(added).toEqual(['  - username: yulia', '    name: Юлія Гончаренко', '    pinHash: ********']);
    expect(JSON.stringify(diff)).not.toMatch(/scrypt\$|\$7\$/);
  });
});
