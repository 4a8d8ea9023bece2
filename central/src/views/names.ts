// The names of centres, groups and services, as the centres' live summaries give them: the record
// keeps ids only.
import type { LiveNow } from './centres.js';

export type Names = Record<string, string>;

export interface Catalogue {
  centres: Map<string, Names>;
  groups: Map<string, Names>;
  services: Map<string, { group: string | null; name: Names }>;
}

/** The first centre naming an id names it for all (centres share the region's catalogue). */
export function catalogueOf(
  lives: readonly (LiveNow | null)[],
  services: readonly { id: string; group: string | null; name: Names }[],
): Catalogue {
  const c: Catalogue = { centres: new Map(), groups: new Map(), services: new Map() };
  for (const live of lives) {
    if (!live) continue;
    c.centres.set(live.site, live.name);
    for (const g of live.groups) if (!c.groups.has(g.id)) c.groups.set(g.id, g.name);
  }
  for (const s of services) c.services.set(s.id, { group: s.group, name: s.name });
  return c;
}

/** A name in `lang`, else in Ukrainian or English, else any, else the id. */
export function nameIn(names: Names | undefined, lang: string, id: string): string {
  return names?.[lang] || names?.uk || names?.en || Object.values(names ?? {})[0] || id;
}
