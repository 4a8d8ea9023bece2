// Finding a service by the first letters a visitor types, in any of the centre's languages: someone
// who reads Ukrainian poorly may still know the English name. Besides the names, each service's
// `searchWords` from the catalogue (config) hold what visitors call it and how they misspell it.
import type { PublicConfig } from '@vikno/shared';

type Service = PublicConfig['services'][number];

/** Lower case, one apostrophe, so "Обмін" matches "обм" and "п'ять" matches "п’ять". */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[’ʼ`´]/g, "'");
}

const words = (name: string) =>
  fold(name)
    .split(/[\s,.;:()«»"/-]+/)
    .filter(Boolean);

/** How well a text matches, best first: the name begins with what was typed, a word of it does, a search word does. */
const MATCH = { nameStart: 0, nameWord: 1, searchWord: 2 } as const;

/** Every typed word begins a word of `text`. */
const matches = (text: string, typed: readonly string[]) => {
  const own = words(text);
  return typed.every((t) => own.some((w) => w.startsWith(t)));
};

/** The typed words begin the first words of `text`, in order: "реєстр місц" and "Реєстрація місця…". */
const startsWith = (text: string, typed: readonly string[]) => {
  const own = words(text);
  return typed.every((t, i) => own[i]?.startsWith(t));
};

/**
 * Active services whose name or search words, in the visitor's language or another of the centre's,
 * have a word that starts with every typed word. Best first: names in the visitor's language before
 * other languages; a name that begins with the typed text, then one with a word inside that does, then
 * a synonym or misspelling; among equals the shorter name (closer to what was typed), then A–Z.
 */
export function searchServices(config: PublicConfig, query: string, lang: string): Service[] {
  const typed = words(query);
  if (!typed.length) return [];
  const languages = [lang, ...config.site.languages.filter((l) => l !== lang)];
  const ranked: { service: Service; rank: number; name: string }[] = [];
  for (const service of config.services) {
    if (!service.active) continue;
    let best = Number.POSITIVE_INFINITY;
    languages.forEach((l, i) => {
      const name = service.names[l];
      let match: number | null = null;
      if (name && startsWith(name, typed)) match = MATCH.nameStart;
      else if (name && matches(name, typed)) match = MATCH.nameWord;
      else if (service.searchWords?.[l]?.some((w) => matches(w, typed))) match = MATCH.searchWord;
      if (match !== null) best = Math.min(best, i * 3 + match);
    });
    if (best < Number.POSITIVE_INFINITY) ranked.push({ service, rank: best, name: service.names[lang] ?? '' });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.name.length - b.name.length || a.name.localeCompare(b.name, lang))
    .map((r) => r.service);
}
