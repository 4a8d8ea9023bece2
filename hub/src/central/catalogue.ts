// The region's catalogue at a hub that takes it (`central.catalogue: true`, docs/central.md "The
// catalogue"): the services and groups the region keeps, merged with the hub's own config and run
// through the same path as an admin's edit (Hub.replaceConfig), kept in the hub's SQLite so that a
// hub restarted while the region is away runs the same catalogue.
//
// The merge: the region wins for every id it has ever sent; the hub's own services and groups under
// other ids are its local additions and stay; its windows, staff, devices and rules stay its own.
// A window or a member of staff naming a service the region dropped loses that service, with a
// warning; a catalogue the hub cannot run (a window left with no service, a local service whose
// group the region dropped, a name missing in one of the hub's languages) is refused whole, with an
// error in the log, and the hub keeps what it had.
import {
  type CentralCatalogue,
  type Config,
  type ConfigProblem,
  centralCatalogueSchema,
  configSchema,
  describeConfigChange,
  describeConfigIssues,
} from '@vikno/shared';
import type { Logger } from 'pino';
import { configChanges } from '../admin/config-diff.js';
import type { Store } from '../store/store.js';

/** Every service and group id the region has sent this hub: those are the region's, whatever the hub's file says. */
export interface RegionIds {
  services: string[];
  serviceGroups: string[];
}

export type Merged = { ok: true; config: Config; warnings: string[] } | { ok: false; problems: string[] };

export function mergeCatalogue(local: Config, message: CentralCatalogue, known: RegionIds): Merged {
  const { catalogue } = message;
  const ids = regionIdsAfter(known, message);
  const regionServices = new Set(ids.services);
  const regionGroups = new Set(ids.serviceGroups);
  const services = [...catalogue.services, ...local.services.filter((s) => !regionServices.has(s.id))];
  const serviceGroups = [...catalogue.serviceGroups, ...local.serviceGroups.filter((g) => !regionGroups.has(g.id))];
  const offered = new Set(services.map((s) => s.id));
  const warnings: string[] = [];
  const dropped = (where: string, id: string) => {
    if (offered.has(id)) return true;
    warnings.push(`${where} names service "${id}", which the region's catalogue no longer has: dropped there`);
    return false;
  };
  const candidate: Config = {
    ...local,
    serviceGroups,
    services,
    counters: local.counters.map((k) => ({ ...k, services: k.services.filter((s) => dropped(`window ${k.window}`, s.service)) })),
    operators: local.operators.map((o) =>
      o.services ? { ...o, services: o.services.filter((s) => dropped(`operator ${o.username}`, s)) } : o,
    ),
    appointments: { ...local.appointments, services: local.appointments.services.filter((s) => dropped('appointments', s)) },
  };
  const parsed = configSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: describeConfigIssues(parsed.error, candidate) };
  return { ok: true, config: parsed.data, warnings };
}

function regionIdsAfter(known: RegionIds, message: CentralCatalogue): RegionIds {
  const union = (a: string[], b: { id: string }[]) => [...new Set([...a, ...b.map((x) => x.id)])].sort();
  return {
    services: union(known.services, message.catalogue.services),
    serviceGroups: union(known.serviceGroups, message.catalogue.serviceGroups),
  };
}

export interface AppliedCatalogue {
  version: string;
  publishedAt: number;
  appliedAt: number;
}

export interface RegionCatalogueOptions {
  store: Store;
  log: Logger;
  clock: () => number;
  /** Runs the merged config (the hub's config-apply path); rejects when the hub cannot. */
  apply: (next: Config, changes: string[]) => Promise<void>;
  /** The config the hub runs now. */
  current: () => Config;
}

export class RegionCatalogue {
  private applied: AppliedCatalogue | undefined;
  /** Every id the region has sent, kept even when the catalogue applied last no longer fits the hub. */
  private regionIds: RegionIds = { services: [], serviceGroups: [] };
  /** The hub's own config — its file, then each admin edit — that the catalogue is merged into. */
  private local: Config;
  /** Messages handled one after another: a newer one waits for the one being applied. */
  private work: Promise<void> = Promise.resolve();

  private constructor(
    private readonly o: RegionCatalogueOptions,
    local: Config,
  ) {
    this.local = local;
  }

  /**
   * At start, before the hub runs: the catalogue applied last, merged into the file's config again.
   * A stored one that no longer fits the file (edited while the hub was down) is set aside with an
   * error, and the hub runs its file until the region's broker hands it the catalogue again.
   */
  static open(local: Config, o: RegionCatalogueOptions): { catalogue: RegionCatalogue; config: Config } {
    const stored = o.store.appliedCatalogue();
    let running = local;
    let applied: RegionCatalogue['applied'];
    const regionIds: RegionIds = stored ? JSON.parse(stored.regionIds) : { services: [], serviceGroups: [] };
    if (stored) {
      const message = centralCatalogueSchema.safeParse(JSON.parse(stored.message));
      const merged = message.success ? mergeCatalogue(local, message.data, regionIds) : undefined;
      if (message.success && merged?.ok) {
        running = merged.config;
        for (const w of merged.warnings) o.log.warn({ version: message.data.version }, `central catalogue: ${w}`);
        applied = { version: message.data.version, publishedAt: message.data.publishedAt, appliedAt: stored.appliedAt };
        o.log.info({ version: message.data.version }, 'central catalogue: running the one applied last');
      } else
        o.log.error(
          { problems: merged && !merged.ok ? merged.problems : ['the stored catalogue does not fit the contract'] },
          "central catalogue: the one applied last does not fit this hub's config; running the config alone until the region sends it again",
        );
    }
    const catalogue = new RegionCatalogue(o, local);
    catalogue.applied = applied;
    catalogue.regionIds = regionIds;
    return { catalogue, config: running };
  }

  /** The version the hub runs, shown to the region and on the admin's page; null before any. */
  version(): string | null {
    return this.applied?.version ?? null;
  }

  status(): AppliedCatalogue | null {
    return this.applied ?? null;
  }

  /** Whether an id is the region's: the admin page cannot change those (the catalogue would undo it). */
  isRegion(section: 'services' | 'serviceGroups', id: string): boolean {
    return this.regionIds[section].includes(id);
  }

  /** An admin's edit, applied: the hub's own config from now on. */
  localChanged(next: Config): void {
    this.local = next;
  }

  /** A message on the site's catalogue topic. */
  receive(payload: Buffer): Promise<void> {
    // A failure of one (its record not written, say) is said and leaves the next to be taken.
    this.work = this.work
      .then(() => this.take(payload))
      .catch((err) => this.o.log.error({ err: (err as Error).message }, 'central catalogue: not applied; the hub keeps what it runs'));
    return this.work;
  }

  private async take(payload: Buffer): Promise<void> {
    const { log } = this.o;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      return void log.error(
        { err: (err as Error).message },
        'central catalogue: a message that is not JSON; ignored, the hub keeps what it runs',
      );
    }
    const parsed = centralCatalogueSchema.safeParse(body);
    if (!parsed.success)
      return void log.error(
        { problems: describeConfigIssues(parsed.error, body).slice(0, 10) },
        'central catalogue: a catalogue that does not fit the contract; ignored, the hub keeps what it runs',
      );
    const message = parsed.data;
    if (message.version === this.applied?.version) return;
    const merged = mergeCatalogue(this.local, message, this.regionIds);
    if (!merged.ok)
      return void log.error(
        { version: message.version, problems: merged.problems.slice(0, 10) },
        `central catalogue: version ${message.version} cannot run at this hub; ignored, the hub keeps what it runs`,
      );
    for (const w of merged.warnings) log.warn({ version: message.version }, `central catalogue: ${w}`);
    const changes = configChanges(this.o.current(), merged.config).map(describeConfigChange);
    try {
      await this.o.apply(merged.config, changes);
    } catch (err) {
      return void log.error(
        { version: message.version, err: (err as Error).message },
        `central catalogue: version ${message.version} was not applied; the hub keeps what it runs`,
      );
    }
    const regionIds = regionIdsAfter(this.regionIds, message);
    const appliedAt = this.o.clock();
    this.o.store.keepCatalogue(message.version, JSON.stringify(message), JSON.stringify(regionIds), appliedAt);
    this.applied = { version: message.version, publishedAt: message.publishedAt, appliedAt };
    this.regionIds = regionIds;
    log.info({ version: message.version, changes: changes.length }, 'central catalogue: applied');
  }

  /** An admin's edit that changes the region's services or groups: refused, the catalogue would undo it. */
  regionEdits(current: Config, next: Config): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const section of ['services', 'serviceGroups'] as const) {
      const before = new Map<string, unknown>(current[section].map((x) => [x.id, x]));
      const after = new Map<string, unknown>(next[section].map((x) => [x.id, x]));
      for (const id of new Set([...before.keys(), ...after.keys()]))
        if (this.isRegion(section, id) && JSON.stringify(before.get(id)) !== JSON.stringify(after.get(id)))
          problems.push({ path: [section], key: 'config.fromCatalogue', params: { id } });
    }
    return problems;
  }
}
