import type { Call } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

/** How many calls fit on the screen at the size they must be read from across the hall. */
const SHOWN = 7;

/** The latest calls, newest first and highlighted: ticket number → window. */
export function NowServing({ calls, locale }: { calls: readonly Call[]; locale: Locale }) {
  return (
    <section className="now-serving" aria-labelledby="now-serving-title">
      <h2 id="now-serving-title">{locale.t('calls.title')}</h2>
      <div className="calls-head" aria-hidden="true">
        <span>{locale.t('calls.ticket')}</span>
        <span>{locale.t('calls.window')}</span>
      </div>
      <ol className="calls" aria-live="polite">
        {calls.slice(0, SHOWN).map((call) => (
          <li key={`${call.ticketId}/${call.recall}`}>
            <span className="visually-hidden">{locale.t('calls.item', { number: call.number, window: call.window })}</span>
            <span className="call-number" aria-hidden="true">
              {call.number}
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
