import type { PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

/** Config names in the terminal's language; the id itself for anything the config does not name. */
export function namer(config: PublicConfig, locale: Locale) {
  const services = new Map(config.services.map((s) => [s.id, s.names]));
  const prefixes = new Map(config.services.map((s) => [s.id, s.prefix]));
  const priorities = new Map(config.priorityCategories.map((p) => [p.id, p.names]));
  const windows = new Map(config.counters.map((c) => [c.id, c.window]));
  return {
    service: (id: string) => {
      const names = services.get(id);
      return names ? locale.name(names) : id;
    },
    /** The ticket-number prefix: two services with alike names still read apart. */
    prefix: (id: string) => prefixes.get(id) ?? '',
    priority: (id: string) => {
      const names = priorities.get(id);
      return names ? locale.name(names) : id;
    },
    window: (counter: string) => windows.get(counter) ?? counter,
  };
}
export type Namer = ReturnType<typeof namer>;
