import { ApiError, type Booked, callApi, httpApi, type Slot } from '@vikno/shared';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { formatDay } from './locale.js';
import type { PageProps } from './page.js';
import { usePolling } from './usePolling.js';

/** Service → day → free slot → phone number → the code and its QR, to check in at the kiosk. */
export function BookPage({ config, locale }: PageProps) {
  const info = usePolling(httpApi.publicBooking, {}, 60_000);
  // A kiosk that had no ticket left sends the visitor here with the service chosen (`?service=`).
  const [service, setService] = useState<string | null>(() => new URLSearchParams(window.location.search).get('service'));
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [booked, setBooked] = useState<Booked['appointment'] | null>(null);
  const [sending, setSending] = useState(false);
  /** Bumped to fetch the slots again after the hub refused one that had looked free. */
  const [refresh, setRefresh] = useState(0);
  const [slotsFailed, setSlotsFailed] = useState(false);
  const phoneForm = useRef<HTMLFormElement>(null);

  // A service the page does not offer is not chosen.
  const offered = info.kind === 'ok' ? info.data.services : null;
  useEffect(() => {
    if (offered && service && !offered.includes(service)) setService(null);
  }, [offered, service]);

  // On a phone the next step appears below the long list of times: bring it into view.
  useEffect(() => {
    if (slot) phoneForm.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [slot]);

  useEffect(() => {
    setSlots(null);
    setSlot(null);
    setSlotsFailed(false);
    // `refresh` is read so that bumping it fetches again (it is never negative).
    if (!service || !day || refresh < 0) return;
    let active = true;
    callApi(httpApi.publicSlots, { query: { service, day } }).then(
      // A full slot is not offered at all.
      (r) => active && setSlots(r.slots.filter((s) => s.free > 0)),
      () => active && setSlotsFailed(true),
    );
    return () => {
      active = false;
    };
  }, [service, day, refresh]);

  if (booked) return <Confirmation booked={booked} config={config} locale={locale} onAgain={() => window.location.reload()} />;
  if (info.kind === 'loading') return <p role="status">{locale.t('public.loading')}</p>;
  if (info.kind !== 'ok') return <p role="status">{locale.t('public.offline')}</p>;

  const submit = async () => {
    if (!service || !slot) return;
    setSending(true);
    setError(null);
    try {
      const r = await callApi(httpApi.publicBook, { body: { service, at: slot.at, phone } });
      setBooked(r.appointment);
    } catch (e) {
      setError(e instanceof ApiError ? locale.error(e.code) : locale.t('public.offline'));
      if (e instanceof ApiError && (e.code === 'slot_full' || e.code === 'slot_unavailable')) setRefresh((n) => n + 1);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="book" aria-labelledby="book-title">
      <h1 id="book-title">{locale.t('book.title')}</h1>
      <fieldset className="choices services">
        <legend>{locale.t('book.step.service')}</legend>
        {info.data.services.map((id) => {
          const s = config.services.find((x) => x.id === id);
          return (
            <button key={id} type="button" data-service={id} aria-pressed={service === id} onClick={() => setService(id)}>
              {s ? locale.name(s.names) : id}
            </button>
          );
        })}
      </fieldset>
      {service && (
        <fieldset className="choices days">
          <legend>{locale.t('book.step.day')}</legend>
          {info.data.days.length === 0 && <p>{locale.t('book.noDays')}</p>}
          {info.data.days.map((d) => (
            <button
              key={d}
              type="button"
              data-day={d}
              aria-pressed={day === d}
              // Named by what it shows (a voice user says what they see); the weekday and month in full as its description.
              title={formatDay(d, locale.lang, true)}
              onClick={() => setDay(d)}
            >
              {formatDay(d, locale.lang)}
            </button>
          ))}
        </fieldset>
      )}
      {service && day && (
        <fieldset className="choices slots" aria-busy={slots === null}>
          <legend>{locale.t('book.step.slot')}</legend>
          {slotsFailed && <p role="alert">{locale.t('public.offline')}</p>}
          {slots?.length === 0 && <p>{locale.t('book.noSlots')}</p>}
          {slots?.map((s) => (
            <button
              key={s.at}
              type="button"
              data-at={s.at}
              data-time={s.time}
              aria-pressed={slot?.at === s.at}
              aria-label={locale.t('book.slot', { time: s.time, free: s.free })}
              onClick={() => setSlot(s)}
            >
              {s.time}
            </button>
          ))}
        </fieldset>
      )}
      {slot && (
        <form
          ref={phoneForm}
          className="phone"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset>
            <legend>{locale.t('book.step.phone')}</legend>
            <label className="field">
              <span>{locale.t('book.phone')}</span>
              <input
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                required
                maxLength={32}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                placeholder="+380 __ ___ __ __"
              />
            </label>
            <p className="hint">{locale.t('book.phone.hint')}</p>
          </fieldset>
          <button type="submit" disabled={sending || !phone.trim()}>
            {locale.t('book.submit')}
          </button>
        </form>
      )}
      {error && (
        <p className="notice bad" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Confirmation({ booked, config, locale, onAgain }: PageProps & { booked: Booked['appointment']; onAgain: () => void }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(booked.code, { margin: 2, width: 480, errorCorrectionLevel: 'M' }).then(setQr);
  }, [booked.code]);
  const service = config.services.find((s) => s.id === booked.service);
  const tz = config.site.timezone;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(booked.at);
  const time = new Intl.DateTimeFormat(locale.lang, { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(booked.at);
  return (
    <section className="booked" aria-labelledby="booked-title">
      <h1 id="booked-title">{locale.t('book.done.title')}</h1>
      {service && <p className="service-name">{locale.name(service.names)}</p>}
      <p className="when">{locale.t('book.done.when', { day: formatDay(day, locale.lang, true), time })}</p>
      <p className="label">{locale.t('book.done.code')}</p>
      <p className="code" data-code={booked.code}>
        {booked.code}
      </p>
      {qr && <img className="qr" src={qr} alt={locale.t('book.done.qr', { code: booked.code })} />}
      <p className="hint">{locale.t('book.done.hint')}</p>
      <button type="button" className="secondary" onClick={onAgain}>
        {locale.t('book.again')}
      </button>
    </section>
  );
}
