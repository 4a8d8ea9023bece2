import { translate } from '@vikno/shared';
import type { Locale } from './locale.js';

/** The region's pages speak the two complete catalogs. */
export const LANGUAGES = ['uk', 'en'] as const;

export function Languages({ locale, onChoose }: { locale: Locale; onChoose: (lang: string) => void }) {
  return (
    <fieldset className="languages">
      <legend className="visually-hidden">{locale.t('language.switch')}</legend>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale.lang} onClick={() => onChoose(l)}>
          {translate(l, 'language.native')}
        </button>
      ))}
    </fieldset>
  );
}
