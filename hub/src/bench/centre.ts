// A generated regional centre for the benchmark: 320 counters and 400 services in 20 groups, with
// demand and service times spread as in a real ЦНАП (a few services take most visitors; passports
// and land take long, pickups are quick). The same seed gives the same centre.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ConfigInput, configSchema } from '@vikno/shared';
import { parse } from 'yaml';
import { prng } from '../planner/random.js';
import { hashSecret } from '../security/hashing.js';

export const DEMO_CONFIG = fileURLToPath(new URL('../../../config/demo-centre.yaml', import.meta.url));

/** Device secrets are `bench-<id>`; every operator's PIN is 1234. */
export const secretOf = (device: string) => `bench-${device}`;

interface GroupProfile {
  id: string;
  en: string;
  uk: string;
  /** Mean minutes at the window for this group's services. */
  minutes: number;
  /** Share of the day's visitors. */
  demand: number;
}

// Shares and durations after the published statistics of large Ukrainian centres: registration,
// passports and social assistance dominate; pickups are many and short.
const GROUPS: GroupProfile[] = [
  { id: 'residence', en: 'Residence', uk: 'Місце проживання', minutes: 10, demand: 0.12 },
  { id: 'id-card', en: 'ID card', uk: 'ID-картка', minutes: 18, demand: 0.1 },
  { id: 'travel-passport', en: 'Travel passport', uk: 'Закордонний паспорт', minutes: 20, demand: 0.08 },
  { id: 'social', en: 'Social assistance', uk: 'Соціальний захист', minutes: 15, demand: 0.1 },
  { id: 'pensions', en: 'Pensions', uk: 'Пенсії', minutes: 15, demand: 0.05 },
  { id: 'land', en: 'Land', uk: 'Земельні питання', minutes: 25, demand: 0.04 },
  { id: 'property', en: 'Property', uk: 'Нерухомість', minutes: 22, demand: 0.05 },
  { id: 'business', en: 'Business', uk: 'Бізнес', minutes: 20, demand: 0.04 },
  { id: 'civil-status', en: 'Civil status', uk: 'Цивільний стан', minutes: 15, demand: 0.04 },
  { id: 'vehicles', en: 'Vehicles', uk: 'Транспорт', minutes: 20, demand: 0.04 },
  { id: 'driving', en: 'Driving licences', uk: 'Посвідчення водія', minutes: 15, demand: 0.03 },
  { id: 'tax', en: 'Tax', uk: 'Податки', minutes: 12, demand: 0.03 },
  { id: 'utilities', en: 'Utilities', uk: 'Комунальні послуги', minutes: 10, demand: 0.03 },
  { id: 'veterans', en: 'Veterans', uk: 'Ветерани', minutes: 20, demand: 0.03 },
  { id: 'children', en: 'Families and children', uk: "Сім'я та діти", minutes: 15, demand: 0.03 },
  { id: 'construction', en: 'Construction', uk: 'Будівництво', minutes: 25, demand: 0.02 },
  { id: 'architecture', en: 'Architecture', uk: 'Архітектура', minutes: 25, demand: 0.01 },
  { id: 'certificates', en: 'Certificates', uk: 'Довідки', minutes: 8, demand: 0.04 },
  { id: 'pickup', en: 'Pickup', uk: 'Видача документів', minutes: 4, demand: 0.1 },
  { id: 'consultation', en: 'Consultations', uk: 'Консультації', minutes: 7, demand: 0.03 },
];
const SERVICES_PER_GROUP = 20;
const ZONES = ['hall-a', 'hall-b', 'hall-c', 'hall-d'];

export interface CentreShape {
  counters: number;
  kiosks: number;
  displays: number;
  seed: number;
  /**
   * False: every device gets one hash of a secret nobody knows, computed once, for a centre only
   * replayed on a simulated clock (devices never sign in there), where 32,000 counters' own hashes
   * would take a minute to make.
   */
  deviceSecrets?: boolean;
}

export const REGIONAL_CENTRE: CentreShape = { counters: 320, kiosks: 8, displays: 5, seed: 20260303 };

export interface Centre {
  input: ConfigInput;
  /** Share of visitors per service id (sums to 1). */
  demand: Map<string, number>;
  groupOf: Map<string, string>;
}

/** Two capital letters per service: AA, AB, … (400 services fit in AA–PJ). */
function prefix(i: number): string {
  return String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
}

export function generateCentre(shape: CentreShape = REGIONAL_CENTRE): Centre {
  const random = prng(shape.seed);
  const demo = parse(readFileSync(DEMO_CONFIG, 'utf8')) as ConfigInput;
  // The demo's operators have PIN 1234 (its `admin`, 0000).
  const pinHash = demo.operators?.find((op) => op.username === 'olena')?.pinHash ?? '';
  const demand = new Map<string, number>();
  const groupOf = new Map<string, string>();
  const services: NonNullable<ConfigInput['services']> = [];
  for (const [g, group] of GROUPS.entries()) {
    // Within a group a few services are common and most are rare (Zipf, s = 1).
    const zipf = Array.from({ length: SERVICES_PER_GROUP }, (_, k) => 1 / (k + 1));
    const total = zipf.reduce((a, b) => a + b, 0);
    for (let k = 0; k < SERVICES_PER_GROUP; k++) {
      const id = `${group.id}-${String(k + 1).padStart(2, '0')}`;
      const minutes = Math.max(2, Math.round(group.minutes * (0.6 + 0.8 * random())));
      services.push({
        id,
        group: group.id,
        prefix: prefix(g * SERVICES_PER_GROUP + k),
        names: { uk: `${group.uk} ${k + 1}`, en: `${group.en} ${k + 1}` },
        averageServiceMinutes: minutes,
      });
      demand.set(id, (group.demand * zipf[k]!) / total);
      groupOf.set(id, group.id);
    }
  }
  // Counters per group in proportion to the work it brings (visitors × minutes), at least two so that
  // both shifts of the day (day.ts) have one; a quarter of them also take a second group at a lower
  // weight, as generalist windows do.
  const work = GROUPS.map((g) => g.demand * g.minutes);
  const workTotal = work.reduce((a, b) => a + b, 0);
  const perGroup = work.map((w) => Math.max(2, Math.floor((w / workTotal) * shape.counters)));
  const total = () => perGroup.reduce((a, b) => a + b, 0);
  for (let i = 0; total() < shape.counters; i++) perGroup[i % perGroup.length]!++;
  // A small centre: the two each group needs come out of the largest groups.
  while (total() > shape.counters && Math.max(...perGroup) > 2) perGroup[perGroup.indexOf(Math.max(...perGroup))]!--;
  const counters: NonNullable<ConfigInput['counters']> = [];
  for (const [g, n] of perGroup.entries()) {
    for (let j = 0; j < n && counters.length < shape.counters; j++) {
      const own = services.filter((s) => s.group === GROUPS[g]!.id).map((s) => ({ service: s.id, weight: 2 }));
      const second = j % 4 === 3 ? GROUPS[(g + 1 + Math.floor(random() * (GROUPS.length - 1))) % GROUPS.length]!.id : undefined;
      const extra = second ? services.filter((s) => s.group === second).map((s) => ({ service: s.id, weight: 1 })) : [];
      const n1 = counters.length + 1;
      counters.push({ id: `c${String(n1).padStart(3, '0')}`, window: n1, zone: ZONES[g % ZONES.length]!, services: [...own, ...extra] });
    }
  }
  const unknown = shape.deviceSecrets === false ? hashSecret(randomBytes(16).toString('hex'), 1000) : undefined;
  const secret = (id: string) => unknown ?? hashSecret(secretOf(id), 1000);
  const input: ConfigInput = {
    site: { ...demo.site, id: 'bench', businessHours: { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']] } },
    serviceGroups: GROUPS.map((g) => ({ id: g.id, names: { uk: g.uk, en: g.en } })),
    services,
    zones: ZONES.map((id) => ({ id, names: { uk: id, en: id } })),
    counters,
    operators: counters.map((c) => ({ username: `op-${c.id}`, name: `Operator ${c.id}`, pinHash, counters: [c.id] })),
    devices: [
      ...counters.map((c) => ({ id: `counter-${c.id}`, role: 'counter' as const, counter: c.id, secretHash: secret(`counter-${c.id}`) })),
      ...Array.from({ length: shape.kiosks }, (_, i) => ({
        id: `kiosk-${i + 1}`,
        role: 'kiosk' as const,
        secretHash: secret(`kiosk-${i + 1}`),
      })),
      ...Array.from({ length: shape.displays }, (_, i) => ({
        id: `display-${i + 1}`,
        role: 'display' as const,
        secretHash: secret(`display-${i + 1}`),
      })),
    ],
    queue: demo.queue,
    // A copy of the record in the middle of a measurement would be measured too.
    backups: { enabled: false },
  };
  // Fails here, not in the hub, if the generator ever writes an invalid centre.
  configSchema.parse(input);
  return { input, demand, groupOf };
}
