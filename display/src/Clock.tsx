import type { Locale } from '@vikno/shared/browser';
import { memo, useEffect, useMemo, useState } from 'react';

/**
 * The time and the date in the centre's time zone, in the display's language. Drawn again each
 * second, not with each call: a formatter with a time zone costs more to make than the rest of the
 * board to draw, so each is made once per language.
 */
export const Clock = memo(function Clock({ timeZone, locale }: { timeZone: string; locale: Locale }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const formats = useMemo(
    () => ({
      time: new Intl.DateTimeFormat(locale.lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat(locale.lang, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
    }),
    [locale.lang, timeZone],
  );
  return (
    <section className="clock" aria-label={locale.t('display.clock')}>
      <time className="clock-time" dateTime={now.toISOString()}>
        {formats.time.format(now)}
      </time>
      <p className="clock-date">{formats.date.format(now)}</p>
    </section>
  );
});
