// The region's catalogue of services on the supervisors' pages (docs/central.md, "The catalogue"):
// the current version, and each centre's — flagged when it runs an older one. A centre that runs
// none takes no catalogue: it keeps its own services, which is not a fault.
import type { CentreRow, Overview } from '@vikno/shared';
import { clock, date } from './format.js';
import type { Locale } from './locale.js';

export function RegionCatalogue({ locale, catalogue }: { locale: Locale; catalogue: Overview['catalogue'] }) {
  return (
    <p className="muted" data-region-catalogue={catalogue?.version ?? ''}>
      {catalogue
        ? locale.t('central.catalogue.region', {
            version: catalogue.version,
            date: `${date(locale, catalogue.publishedAt, 'Europe/Kyiv')} ${clock(locale, catalogue.publishedAt, 'Europe/Kyiv')}`,
          })
        : locale.t('central.catalogue.noneYet')}
    </p>
  );
}

/** For sorting: behind first, then current, then none. */
export const catalogueRank = (c: CentreRow) => (c.catalogueBehind ? 2 : c.catalogueVersion ? 1 : 0);

export function CatalogueState({ locale, centre: c }: { locale: Locale; centre: CentreRow }) {
  if (c.catalogueVersion === null) return <span className="muted">{locale.t('central.catalogue.own')}</span>;
  return c.catalogueBehind ? (
    <span className="badge warn" data-catalogue="behind">
      {locale.t('central.catalogue.behind', { version: c.catalogueVersion })}
    </span>
  ) : (
    <span className="badge ok" data-catalogue="current">
      {locale.t('central.catalogue.current', { version: c.catalogueVersion })}
    </span>
  );
}
