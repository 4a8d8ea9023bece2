import { translate } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

/** One button per site language, each named in its own language. */
export function LanguageSwitch({
  languages,
  locale,
  onChoose,
  readAloud,
}: {
  languages: readonly string[];
  locale: Locale;
  onChoose: (lang: string) => void;
  /** 'always': a kiosk's read aloud lets a touch through at once (a visitor who cannot read the screen needs their language first). */
  readAloud?: 'always';
}) {
  if (languages.length < 2) return null;
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{locale.t('language.switch')}</legend>
      {languages.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={lang === locale.lang}
          data-read-aloud={readAloud}
          onClick={() => onChoose(lang)}
        >
          {translate(lang, 'language.native')}
        </button>
      ))}
    </fieldset>
  );
}
