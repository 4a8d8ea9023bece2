// The page's language: the visitor's choice (remembered), else the browser's if the centre offers it,
// else the centre's first language.
import { type ErrorCode, errorMessage, localized, type MessageKey, translate } from '@vikno/shared';
import { useCallback, useState } from 'react';

export interface Locale {
  lang: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  name(text: Record<string, string>): string;
  error(code: ErrorCode | undefined): string;
}

const STORAGE_KEY = 'vikno.public.lang';

function initialLanguage(languages: readonly string[]): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && languages.includes(stored)) return stored;
  for (const tag of navigator.languages) {
    const lang = tag.split('-')[0]?.toLowerCase();
    if (lang && languages.includes(lang)) return lang;
  }
  return languages[0] ?? 'uk';
}

export function useLocale(languages: readonly string[]): [Locale, (lang: string) => void] {
  const [lang, setLang] = useState(() => initialLanguage(languages));
  const choose = useCallback((next: string) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLang(next);
  }, []);
  document.documentElement.lang = lang;
  const locale: Locale = {
    lang,
    t: (key, params) => translate(lang, key, params),
    name: (text) => localized(text, lang, languages),
    error: (code) => errorMessage(lang, code ?? 'internal'),
  };
  return [locale, choose];
}

/** A calendar day (`2026-03-02`) as the visitor reads it: `Mon, 2 Mar`. */
export function formatDay(day: string, lang: string, long = false): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: long ? 'long' : 'short',
    day: 'numeric',
    month: long ? 'long' : 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

export function formatClock(at: number, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone }).format(at);
}
