// The public's /centres, phone first: choose what you need, and the centres come sorted by the wait
// for it among those open now. A centre whose figures are not now's (its hub offline, or silent for
// a while) says "not live — data from HH:MM" and never sorts among the live ones. The choice and the
// language are in the address, so a city's website can link to "passports, in English".
import { callApi, centralApi, type PublicCentre } from '@vikno/shared';
import { useEffect, useMemo, useState } from 'react';
import { clock, date, nameOf, sameDay } from './format.js';
import { LANGUAGES, Languages } from './Languages.js';
import { browserLanguage, type Locale, makeLocale } from './locale.js';
import { usePoll } from './usePoll.js';

const POLL_MS = 15_000;

function fromAddress(): { lang: string; choice: string } {
  const q = new URLSearchParams(location.search);
  const lang = q.get('lang') ?? browserLanguage(LANGUAGES);
  const choice = q.get('service') ? `service:${q.get('service')}` : q.get('group') ? `group:${q.get('group')}` : '';
  return { lang: (LANGUAGES as readonly string[]).includes(lang) ? lang : 'uk', choice };
}

export function CentresPage() {
  const [{ lang, choice }, setState] = useState(fromAddress);
  const locale = useMemo(() => makeLocale(lang), [lang]);
  const [kind, id] = choice ? (choice.split(/:(.*)/s) as [string, string]) : [undefined, undefined];
  const query = kind === 'group' ? { group: id } : kind === 'service' ? { service: id } : {};
  const { data, current, error } = usePoll(() => callApi(centralApi.publicCentres, { query }), POLL_MS, [choice]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${locale.t('centres.title')} · Vikno`;
    const url = new URL(location.href);
    url.search = new URLSearchParams({ lang, ...(kind && id ? { [kind]: id } : {}) }).toString();
    history.replaceState(null, '', url);
  }, [lang, kind, id, locale]);

  return (
    <div className="centres">
      <header className="centres-header">
        <h1>{locale.t('centres.title')}</h1>
        <Languages locale={locale} onChoose={(l) => setState((s) => ({ ...s, lang: l }))} />
      </header>
      <main>
        <p className="intro">{locale.t('centres.intro')}</p>
        <label className="choose">
          {locale.t('centres.choose')}
          <select name="need" value={choice} onChange={(e) => setState((s) => ({ ...s, choice: e.target.value }))}>
            <option value="">{locale.t('centres.any')}</option>
            {data && (
              <>
                <optgroup label={locale.t('centres.groups')}>
                  {data.groups.map((g) => (
                    <option key={g.id} value={`group:${g.id}`}>
                      {nameOf(locale, g.name, g.id)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={locale.t('centres.services')}>
                  {data.services.map((s) => (
                    <option key={s.id} value={`service:${s.id}`}>
                      {nameOf(locale, s.name, s.id)}
                    </option>
                  ))}
                </optgroup>
              </>
            )}
          </select>
        </label>
        {error ? (
          <p role="status" className="offline">
            {locale.t('centres.offline')}
          </p>
        ) : null}
        {/* The choice's list, never the last choice's: the order and the waits are the choice's. */}
        {!data || !current ? (
          !error && (
            <p role="status" className="loading">
              {locale.t('central.loading')}
            </p>
          )
        ) : (
          <>
            <p className="muted updated" aria-live="polite">
              {locale.t('centres.count', { count: data.centres.length })} ·{' '}
              {locale.t('centres.updated', { time: clock(locale, data.at, data.centres[0]?.timezone ?? 'Europe/Kyiv') })}
            </p>
            <ol className="centre-list">
              {data.centres.map((c) => (
                <CentreCard
                  key={c.site}
                  locale={locale}
                  centre={c}
                  now={data.at}
                  chosen={kind !== undefined}
                  group={kind === 'group' ? id : (data.services.find((s) => s.id === id)?.group ?? undefined)}
                />
              ))}
            </ol>
          </>
        )}
      </main>
    </div>
  );
}

function CentreCard({
  locale,
  centre: c,
  now,
  chosen,
  group,
}: {
  locale: Locale;
  centre: PublicCentre;
  now: number;
  chosen: boolean;
  group: string | undefined;
}) {
  const status = !c.live ? (
    <p className="badge warn" data-stale>
      {c.dataAt === null
        ? locale.t('centres.noData')
        : sameDay(c.dataAt, now, c.timezone)
          ? locale.t('centres.stale', { time: clock(locale, c.dataAt, c.timezone) })
          : locale.t('centres.staleDay', { time: clock(locale, c.dataAt, c.timezone), date: date(locale, c.dataAt, c.timezone) })}
    </p>
  ) : (
    <p className="badge ok" data-live>
      {locale.t('centres.live')}
    </p>
  );
  const shownGroups = group ? c.groups.filter((g) => g.id === group) : c.groups;
  return (
    <li className={`centre-card${c.live ? '' : ' stale'}${chosen && !c.offers ? ' not-offered' : ''}`} data-site={c.site}>
      <h2>{nameOf(locale, c.name, c.site)}</h2>
      <div className="card-status">
        {status}
        <p className={c.openNow ? 'open' : 'closed'}>
          {c.openNow ? locale.t('centres.open') : locale.t('centres.closed')}
          {' · '}
          {c.hours ? locale.t('centres.hours', c.hours) : locale.t('centres.closedToday')}
        </p>
      </div>
      {chosen &&
        (c.offers ? (
          <p className="estimate" data-estimate={c.estimatedWaitMinutes ?? ''}>
            {c.estimatedWaitMinutes === null
              ? locale.t('centres.noEstimate')
              : c.live || c.dataAt === null
                ? locale.t('centres.estimate', { minutes: c.estimatedWaitMinutes })
                : locale.t('centres.estimateThen', { minutes: c.estimatedWaitMinutes, time: clock(locale, c.dataAt, c.timezone) })}
          </p>
        ) : (
          <p className="muted">{locale.t('centres.notOffered')}</p>
        ))}
      {(!chosen || c.offers) && shownGroups.length > 0 && (
        <ul className="groups">
          {shownGroups.map((g) => (
            <li key={g.id}>
              <span>{nameOf(locale, g.name, g.id)}</span>
              <span className="num">
                {locale.t('centres.waiting', { count: g.waiting })}
                {!chosen && g.estimatedWaitMinutes !== null && ` · ${locale.t('centres.estimate', { minutes: g.estimatedWaitMinutes })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.live && <p className="muted">{locale.t('centres.windows', { count: c.windowsOpen })}</p>}
    </li>
  );
}
