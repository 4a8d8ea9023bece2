import type { Session } from '@vikno/ui';
import { useState } from 'react';
import { LanguageChoice } from './LanguageChoice.js';
import { ServiceGroups } from './ServiceGroups.js';

/** A visitor first picks a language (when the centre has several), then a service group. */
export function KioskFlow(session: Session) {
  const languages = session.config.site.languages;
  const [languageChosen, setLanguageChosen] = useState(languages.length < 2);
  if (!languageChosen)
    return (
      <LanguageChoice
        languages={languages}
        onChoose={(lang) => {
          session.setLanguage(lang);
          setLanguageChosen(true);
        }}
      />
    );
  return <ServiceGroups {...session} />;
}
