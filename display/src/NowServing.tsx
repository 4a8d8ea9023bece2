import type { Call } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { callKey } from './calls.js';

/** How many calls fit on the screen at the size they must be read from across the hall. */
const SHOWN = 7;

interface Props {
  /** Newest first, one per ticket. */
  calls: readonly Call[];
  /** Calls that just arrived: they pulse. */
  fresh: ReadonlySet<string>;
  /** The zone a display is limited to. */
  zone: string | null;
  locale: Locale;
}

/** The latest calls, ticket → window; the newest largest, those that just arrived pulsing. */
export function NowServing({ calls, fresh, zone, locale }: Props) {
  return (
    <section className="now-serving" aria-labelledby="now-serving-title">
      <h2 id="now-serving-title">
        {locale.t('calls.title')}
        {zone && <span className="zone-name">{zone}</span>}
      </h2>
      <div className="calls-head" aria-hidden="true">
        <span>{locale.t('calls.ticket')}</span>
        <span>{locale.t('calls.window')}</span>
      </div>
      <ol className="calls" aria-live="polite">
        {calls.slice(0, SHOWN).map((call) => (
          <li key={callKey(call)} className={fresh.has(callKey(call)) ? 'call-new' : undefined}>
            <span className="visually-hidden">{locale.t('calls.item', { number: call.number, window: call.window })}</span>
            <span className="call-number" aria-hidden="true">
              {call.number}
            </span>
            <span className="call-arrow" aria-hidden="true">
              →
            </span>
            <span className="call-window" aria-hidden="true">
              {call.window}
            </span>
          </li>
        ))}
      </ol>
      {calls.length === 0 && <p className="calls-none">{locale.t('calls.none')}</p>}
    </section>
  );
}
