// Windows per hour into people per shift: every quarter hour covered with breaks taken out, nobody
// kept whom the others cover, the hours no shift reaches said, and a group short of operators allowed
// at its windows named.
import { type Config, type ConfigInput, configProblems, configSchema } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { planningGroups } from './groups.js';
import { type GroupRoster, rosterDay } from './roster.js';

const PIN_HASH = 'scrypt$16384$8$1$Oqe6z5sbY-hNAgxNB2B0ew$bz7nQfz6quzooaBloWlaRb0ujeVazvOrO_6f8PY-Rvo';

function centre(extra: Partial<ConfigInput> = {}): ConfigInput {
  return {
    site: { id: 'roster', name: { uk: 'Центр', en: 'Centre' }, timezone: 'Europe/Kyiv', languages: ['uk', 'en'] },
    serviceGroups: ['passports', 'social'].map((id) => ({ id, names: { uk: id, en: id } })),
    services: [
      { id: 'passport', group: 'passports', prefix: 'P', names: { uk: 'Паспорт', en: 'Passport' }, averageServiceMinutes: 12 },
      { id: 'benefit', group: 'social', prefix: 'S', names: { uk: 'Допомога', en: 'Benefit' }, averageServiceMinutes: 10 },
    ],
    zones: [{ id: 'hall', names: { uk: 'Зала', en: 'Hall' } }],
    counters: [1, 2, 3, 4, 5, 6].map((n) => ({
      id: `w${n}`,
      window: n,
      zone: 'hall',
      services: [{ service: n <= 4 ? 'passport' : 'benefit', weight: 1 }],
    })),
    staffing: {
      shifts: [
        { id: 'early-a', from: '08:00', to: '14:00', breaks: [['11:00', '11:30']] },
        { id: 'early-b', from: '08:00', to: '14:00', breaks: [['11:30', '12:00']] },
        { id: 'late-a', from: '14:00', to: '20:00', breaks: [['17:00', '17:30']] },
        { id: 'late-b', from: '14:00', to: '20:00', breaks: [['17:30', '18:00']] },
        { id: 'middle', from: '10:00', to: '18:00', breaks: [['13:00', '13:45']] },
      ],
    },
    ...extra,
  };
}

const hours = (from: number, to: number, n: number) => Array.from({ length: 24 }, (_, h) => (h >= from && h < to ? n : 0));

/** People at their windows in each minute of the day, counted from the config's shifts, not the roster's own slots. */
function atWindows(config: Config, roster: GroupRoster): number[] {
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return Array.from({ length: 24 * 60 }, (_, m) =>
    roster.shifts.reduce((n, { shift, people }) => {
      const s = config.staffing.shifts.find((x) => x.id === shift)!;
      const working = m >= minute(s.from) && m < minute(s.to) && !s.breaks.some(([a, b]) => m >= minute(a) && m < minute(b));
      return n + (working ? people : 0);
    }, 0),
  );
}

describe('the roster of a day', () => {
  it('has as many people at their windows as the plan opens in every minute, breaks taken out, and nobody the others cover', () => {
    const config = configSchema.parse(centre());
    const groups = planningGroups(config);
    const windows = new Map([
      ['passports', hours(8, 20, 3).map((n, h) => (h >= 10 && h < 13 ? 4 : n))],
      ['social', hours(8, 20, 1)],
    ]);
    const roster = rosterDay(config, groups, windows)!;
    for (const g of roster.groups) {
      const plan = windows.get(g.group)!;
      const at = atWindows(config, g);
      for (let m = 0; m < 24 * 60; m++)
        expect(at[m], `${g.group} at ${Math.floor(m / 60)}:${m % 60}`).toBeGreaterThanOrEqual(plan[Math.floor(m / 60)]!);
      // Each person is needed: without any one of them some minute falls short.
      for (const s of g.shifts) {
        const fewer = { ...g, shifts: g.shifts.map((x) => (x === s ? { ...x, people: x.people - 1 } : x)) };
        const without = atWindows(config, fewer);
        expect(
          without.some((n, m) => n < plan[Math.floor(m / 60)]!),
          `one fewer on ${s.shift} in ${g.group}`,
        ).toBe(true);
      }
      expect(g.uncovered).toEqual([]);
    }
    // A break needs someone standing in: one window all day takes more than the two shifts' one each.
    const social = roster.groups.find((g) => g.group === 'social')!;
    expect(social.shifts.reduce((n, s) => n + s.people, 0)).toBeGreaterThan(2);
    expect(roster.staffHours).toBe(roster.groups.reduce((n, g) => n + g.staffHours, 0));
    expect(roster.operators).toBeNull();
    expect(roster.shortOfStaff).toEqual([]);
  });

  it('takes the fewest hours on shift that cover the day: as few as every combination tried finds', () => {
    const config = configSchema.parse(centre());
    const groups = planningGroups(config);
    const shifts = config.staffing.shifts.map((s) => s.id);
    const length = (id: string) => {
      const s = config.staffing.shifts.find((x) => x.id === id)!;
      return (Number(s.to.slice(0, 2)) * 60 + Number(s.to.slice(3)) - Number(s.from.slice(0, 2)) * 60 - Number(s.from.slice(3))) / 60;
    };
    for (const plan of [hours(9, 19, 2), hours(8, 20, 1), hours(8, 20, 2).map((n, h) => (h >= 11 && h < 15 ? 3 : n))]) {
      const roster = rosterDay(config, groups, new Map([['social', plan]]))!;
      const social = roster.groups.find((g) => g.group === 'social')!;
      // Every combination of up to three people on each of the five patterns.
      let fewest = Number.POSITIVE_INFINITY;
      for (let code = 0; code < 4 ** shifts.length; code++) {
        const people = shifts.map((_, k) => Math.floor(code / 4 ** k) % 4);
        const staffHours = people.reduce((n, x, k) => n + x * length(shifts[k]!), 0);
        if (staffHours >= fewest) continue;
        const at = atWindows(config, { ...social, shifts: shifts.map((shift, k) => ({ shift, people: people[k]! })) });
        if (at.every((n, m) => n >= plan[Math.floor(m / 60)]!)) fewest = staffHours;
      }
      expect(social.staffHours, JSON.stringify(social.shifts)).toBe(fewest);
    }
  });

  it('says which hours no shift reaches', () => {
    const config = configSchema.parse(centre());
    const roster = rosterDay(config, planningGroups(config), new Map([['passports', hours(7, 21, 1)]]))!;
    expect(roster.groups.find((g) => g.group === 'passports')!.uncovered).toEqual([7, 20]);
  });

  it('names a group that needs more people at once than the operators allowed at its windows', () => {
    const operators = ['olena', 'petro', 'iryna'].map((username, i) => ({
      username,
      name: username,
      pinHash: PIN_HASH,
      roles: ['operator' as const],
      // Two may open only the social windows, one any window.
      counters: i < 2 ? ['w5', 'w6'] : [],
    }));
    const config = configSchema.parse(centre({ operators }));
    const roster = rosterDay(
      config,
      planningGroups(config),
      new Map([
        ['passports', hours(8, 20, 2)],
        ['social', hours(8, 14, 1)],
      ]),
    )!;
    const passports = roster.groups.find((g) => g.group === 'passports')!;
    expect(passports.eligible).toBe(1);
    expect(passports.peak).toBeGreaterThan(1);
    expect(roster.shortOfStaff).toEqual(['passports']);
    expect(roster.operators).toBe(3);
    expect(roster.groups.find((g) => g.group === 'social')!.eligible).toBe(3);
  });

  it('is none without shift patterns, and the config refuses a break outside its shift', () => {
    const config = configSchema.parse(centre({ staffing: { shifts: [] } }));
    expect(rosterDay(config, planningGroups(config), new Map())).toBeNull();
    const bad = centre({ staffing: { shifts: [{ id: 'day', from: '08:00', to: '17:00', breaks: [['17:00', '17:30']] }] } });
    const parsed = configSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(configProblems(parsed.error!, bad).map((p) => `${p.path.join('.')}: ${p.key}`)).toEqual([
      'staffing.shifts.0.breaks.0: config.breakWithin',
    ]);
  });
});
