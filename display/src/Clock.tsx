import type { Locale } from '@vikno/shared/browser';
import { useEffect, useState } from 'react';

/** The time and the date in the centre's time zone, in the display's language. */
export function Clock({ timeZone, locale }: { timeZone: string; locale: Locale }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const time = new Intl.DateTimeFormat(locale.lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const date = new Intl.DateTimeFormat(locale.lang, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(now);
  return (
    <section className="clock" aria-label={locale.t('display.clock')}>
      <time className="clock-time" dateTime={now.toISOString()}>
        {time}
      </time>
      <p className="clock-date">{date}</p>
    </section>
  );
}
