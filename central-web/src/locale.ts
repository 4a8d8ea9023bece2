// The page's words. Not @vikno/shared/browser's makeLocale: that module also carries the devices'
// MQTT client, which these pages never open and a phone should not download.
import { catalogs, type MessageKey, translate } from '@vikno/shared';

export interface Locale {
  lang: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

export function makeLocale(lang: string): Locale {
  return { lang, t: (key, params) => translate(lang, key, params) };
}

/** The browser's first language the region's pages speak, else Ukrainian. */
export function browserLanguage(speaks: readonly string[]): string {
  for (const tag of navigator.languages) {
    const lang = tag.split('-')[0]?.toLowerCase();
    if (lang && speaks.includes(lang) && lang in catalogs) return lang;
  }
  return 'uk';
}
