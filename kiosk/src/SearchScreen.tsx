import type { PublicConfig, QueueSummary } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { useState } from 'react';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';
import { ServiceButton } from './ServiceChoice.js';
import { searchServices } from './search.js';

const SHOWN = 8;

interface Props {
  config: PublicConfig;
  locale: Locale;
  queues: ReadonlyMap<string, QueueSummary>;
  onService: (service: string) => void;
}

/** Type the first letters on the screen's keyboard (or a real one); matching services appear above it. */
export function SearchScreen({ config, locale, queues, onService }: Props) {
  const [query, setQuery] = useState('');
  const found = searchServices(config, query, locale.lang);
  return (
    <section className="search" aria-labelledby="search-title">
      <h2 id="search-title">{locale.t('kiosk.search.title')}</h2>
      <input
        className="search-field"
        aria-label={locale.t('kiosk.search.field')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="search-count" aria-live="polite">
        {query.trim() && (found.length ? locale.t('kiosk.search.found', { count: found.length }) : locale.t('kiosk.search.none'))}
      </p>
      <div className="big-buttons search-results">
        {found.slice(0, SHOWN).map((s) => (
          <ServiceButton key={s.id} service={s} locale={locale} queue={queues.get(s.id)} onChoose={onService} />
        ))}
      </div>
      <OnScreenKeyboard
        locale={locale}
        initial={locale.lang === 'en' || locale.lang === 'hu' ? 'latin' : 'cyrillic'}
        onKey={(k) => setQuery((q) => q + k)}
        onBackspace={() => setQuery((q) => q.slice(0, -1))}
        onClear={() => setQuery('')}
      />
    </section>
  );
}
