// Finding a service by the first letters a visitor types, in any of the centre's languages: someone
// who reads Ukrainian poorly may still know the English name.
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

/**
 * Active services whose name, in the visitor's language or another of the centre's, has a word that
 * starts with every typed word. Names in the visitor's language and matches at the start rank first.
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
      if (!name) return;
      const nameWords = words(name);
      if (!typed.every((t) => nameWords.some((w) => w.startsWith(t)))) return;
      const atStart = nameWords[0]?.startsWith(typed[0] ?? '') ? 0 : 1;
      best = Math.min(best, i * 2 + atStart);
    });
    if (best < Number.POSITIVE_INFINITY) ranked.push({ service, rank: best, name: service.names[lang] ?? '' });
  }
  return ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, lang)).map((r) => r.service);
}
