import { translate } from '@vikno/shared';
import { Flag } from './Flag.js';

/** The kiosk's first screen: each language asks in its own words and names itself. */
export function LanguageChoice({ languages, onChoose }: { languages: readonly string[]; onChoose: (lang: string) => void }) {
  return (
    <section className="language-choice" aria-labelledby="language-choice-title">
      <h2 id="language-choice-title">
        {languages.map((lang) => (
          <span key={lang} lang={lang}>
            {translate(lang, 'language.choose')}
          </span>
        ))}
      </h2>
      <div className="big-buttons">
        {languages.map((lang) => (
          <button key={lang} type="button" lang={lang} data-lang={lang} onClick={() => onChoose(lang)}>
            <Flag lang={lang} />
            <span>{translate(lang, 'language.native')}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
