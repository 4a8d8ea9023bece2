// The public's list of centres (/api/public/centres and the /centres page): each centre's waiting per
// group, estimated waits, hours and whether it is open — and whether these figures are now's at all.
import { CENTRAL_STALE_SECONDS, type PublicCentre, type PublicCentres } from '@vikno/shared';
import type { Pool } from 'pg';
import { centresNow, servicesOf } from './centres.js';
import { catalogueOf, nameIn } from './names.js';

export interface PublicChoice {
  group?: string | undefined;
  service?: string | undefined;
}

export type ServiceList = Awaited<ReturnType<typeof servicesOf>>;

/** `services`: the region's services, which change with its catalogue, not with every request (public-api.ts keeps them a while). */
export async function publicCentres(
  pool: Pool,
  choice: PublicChoice,
  now: number,
  services: () => Promise<ServiceList> = () => servicesOf(pool, null),
): Promise<PublicCentres> {
  const [centres, serviceList] = await Promise.all([
    centresNow(pool, null, now, choice.service === undefined ? {} : { offering: choice.service }),
    services(),
  ]);
  const catalogue = catalogueOf(
    centres.map((c) => c.live),
    serviceList,
  );
  const group = choice.group ?? (choice.service ? catalogue.services.get(choice.service)?.group : undefined) ?? undefined;
  const chosen = choice.group !== undefined || choice.service !== undefined;
  const list: PublicCentre[] = centres.map(({ row, live, offersService }) => {
    const offers = chosen
      ? choice.service !== undefined
        ? offersService === true
        : (live?.groups.some((g) => g.id === choice.group) ?? false)
      : true;
    const g = group === undefined ? undefined : live?.groups.find((x) => x.id === group);
    return {
      site: row.site,
      name: row.name,
      timezone: row.timezone,
      live: !row.stale,
      dataAt: row.liveAt,
      hours: live?.hours ?? null,
      openNow: row.openNow,
      windowsOpen: row.stale ? 0 : row.windowsOpen,
      groups: (live?.groups ?? []).map(({ id, name, waiting, estimatedWaitMinutes }) => ({ id, name, waiting, estimatedWaitMinutes })),
      estimatedWaitMinutes: offers ? (g?.estimatedWaitMinutes ?? null) : null,
      offers,
    };
  });
  const rank = (c: PublicCentre) => (!c.offers ? 3 : c.live && c.openNow ? 0 : c.openNow ? 1 : 2);
  const name = (c: PublicCentre) => nameIn(c.name, 'uk', c.site);
  list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (chosen ? (a.estimatedWaitMinutes ?? Number.POSITIVE_INFINITY) - (b.estimatedWaitMinutes ?? Number.POSITIVE_INFINITY) : 0) ||
      name(a).localeCompare(name(b), 'uk'),
  );
  return {
    at: now,
    staleAfterSeconds: CENTRAL_STALE_SECONDS,
    groups: [...catalogue.groups.entries()].map(([id, name]) => ({ id, name })),
    services: [...catalogue.services.entries()].map(([id, s]) => ({ id, group: s.group, name: s.name })),
    centres: list,
  };
}
