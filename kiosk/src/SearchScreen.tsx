import type { PublicConfig, QueueSummary } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { useHiddenBelow } from '@vikno/ui';
import { useState } from 'react';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';
import { ServiceButton } from './ServiceChoice.js';
import { searchServices } from './search.js';

interface Props {
  config: PublicConfig;
  locale: Locale;
  queues: ReadonlyMap<string, QueueSummary>;
  onService: (service: string) => void;
}

/**
 * Type the first letters on the screen's keyboard (or a real one); matching services appear above it,
 * best first, in a list that scrolls between the field and the keyboard and says when more are below.
 */
export function SearchScreen({ config, locale, queues, onService }: Props) {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<HTMLElement | null>(null);
  const found = searchServices(config, query, locale.lang);
  const moreBelow = useHiddenBelow(list, found) > 0;
  return (
    <section className="search" aria-labelledby="search-title">
      <div className="search-head">
        <h2 id="search-title">{locale.t('kiosk.search.title')}</h2>
        <input
          className="search-field"
          aria-label={locale.t('kiosk.search.field')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="big-buttons search-results" ref={setList}>
        {found.map((s) => (
          <ServiceButton key={s.id} service={s} locale={locale} queue={queues.get(s.id)} onChoose={onService} />
        ))}
      </div>
      <p className="search-count" aria-live="polite">
        {query.trim() && (found.length ? locale.t('kiosk.search.found', { count: found.length }) : locale.t('kiosk.search.none'))}
        {moreBelow && <span className="search-more"> ↓ {locale.t('kiosk.search.more', { count: found.length })}</span>}
      </p>
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
