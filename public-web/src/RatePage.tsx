// The feedback tablet facing the visitor at a counter's window (/rate). Signed in as a `tablet` device,
// it polls the hub (hub/src/http/tablet-api.ts) for the visit just finished at its counter and offers
// five big buttons and a short comment while that visit is recent and unrated; otherwise it thanks.
import { ApiError, callApi, httpApi, type MessageKey, type TabletView } from '@vikno/shared';
import type { DeviceCredentials } from '@vikno/shared/browser';
import { PairingForm, useStoredCredentials } from '@vikno/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from './locale.js';
import type { PageProps } from './page.js';
import './rate.css';

const POLL_MS = 2000;
/** How long the thanks stays after a rating before the idle screen returns. */
const THANKS_MS = 8000;
/**
 * How long the question stays up (as long as the hub asks it, RATING_WINDOW_MS in tablet-api.ts):
 * after that the person in front of the tablet is likely the next visitor.
 */
const QUESTION_MS = 60_000;
/** A tapped score is sent after this long, unless another is tapped: one tap rates, and a slip can be undone. */
const CHANGE_MS = 5000;
const MAX_COMMENT = 200;
const SCORES: { score: number; key: MessageKey }[] = [
  { score: 1, key: 'rate.score.1' },
  { score: 2, key: 'rate.score.2' },
  { score: 3, key: 'rate.score.3' },
  { score: 4, key: 'rate.score.4' },
  { score: 5, key: 'rate.score.5' },
];

/** The tablet's device credentials as HTTP Basic, as the hub's tablet API asks. */
function signedIn(creds: DeviceCredentials): { authorization: string } {
  const pair = new TextEncoder().encode(`${creds.device}:${creds.secret}`);
  return { authorization: `Basic ${btoa(String.fromCharCode(...pair))}` };
}

type Polled =
  | { kind: 'loading' }
  | { kind: 'ok'; view: TabletView }
  /** `creds`: the credentials refused, so that a refusal of earlier ones does not count against new ones. */
  | { kind: 'refused'; status: number; creds: DeviceCredentials }
  | { kind: 'offline' };

/** The tablet's view, fetched now and every POLL_MS after (and at once when asked); a sign-in refusal stops it. */
function useTabletView(creds: DeviceCredentials | null | undefined): [Polled, () => void] {
  const [state, setState] = useState<Polled>({ kind: 'loading' });
  const now = useRef(() => {});
  useEffect(() => {
    if (!creds) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only the latest request answers and schedules the next: an early look must not start a second loop.
    let latest = 0;
    const tick = async () => {
      clearTimeout(timer);
      const mine = ++latest;
      try {
        const view = await callApi(httpApi.tablet, { headers: signedIn(creds) });
        if (mine === latest) setState({ kind: 'ok', view });
      } catch (error) {
        if (mine !== latest) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403))
          return setState({ kind: 'refused', status: error.status, creds });
        setState({ kind: 'offline' });
      }
      if (mine === latest) timer = setTimeout(tick, POLL_MS);
    };
    now.current = () => void tick();
    void tick();
    return () => {
      latest = -1;
      clearTimeout(timer);
    };
  }, [creds]);
  return [state, useCallback(() => now.current(), [])];
}

export function RatePage({ config, locale }: PageProps) {
  const { creds, revoked, paired, refused } = useStoredCredentials('tablet');
  const [polled, refresh] = useTabletView(creds);
  // Revoked or replaced: the tablet forgets its credentials and asks for a pairing code again.
  const wrongSecret = polled.kind === 'refused' && polled.status === 401 && polled.creds === creds;
  useEffect(() => {
    if (wrongSecret) refused();
  }, [wrongSecret, refused]);
  /** The ticket just rated here: thanked for a while, unless the next visit is already to be rated. */
  const [thanked, setThanked] = useState<string | null>(null);
  /** The ticket whose question has been up for QUESTION_MS: not asked again. */
  const [expired, setExpired] = useState<string | null>(null);

  useEffect(() => {
    if (thanked === null) return;
    const timer = setTimeout(() => setThanked(null), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanked]);

  if (creds === undefined) return <Notice tone="wait" text={locale.t('public.loading')} />;
  if (creds === null) return <PairingForm locale={locale} revoked={revoked} onPaired={paired} />;
  if (polled.kind === 'refused')
    return polled.creds === creds && !wrongSecret ? (
      <Notice tone="bad" text={locale.t('rate.notTablet')} />
    ) : (
      <Notice tone="wait" text={locale.t('public.loading')} />
    );
  if (polled.kind === 'loading') return <Notice tone="wait" text={locale.t('public.loading')} />;
  if (polled.kind === 'offline') return <Notice tone="bad" text={locale.t('public.offline')} />;

  const { view } = polled;
  const ticket = view.ticket?.number === expired ? null : view.ticket;
  const thanks = thanked !== null && (!ticket || ticket.number === thanked);
  if (thanks || !ticket)
    return (
      <section className="rate rate-idle" aria-live="polite">
        <p className="rate-big" role="status">
          {locale.t(thanks ? 'feedback.thanks' : 'rate.idle')}
        </p>
        {!thanks && <p className="rate-hint">{locale.t('rate.idleHint')}</p>}
        {view.window !== null && <p className="rate-window">{locale.t('rate.window', { window: view.window })}</p>}
      </section>
    );
  const service = config.services.find((s) => s.id === ticket.service);
  return (
    <RateForm
      key={ticket.number}
      locale={locale}
      title={locale.t('rate.ticket', { number: ticket.number, window: view.window ?? '' })}
      service={service ? locale.name(service.names) : ''}
      send={async (score, comment) => {
        await callApi(httpApi.tabletFeedback, {
          headers: signedIn(creds),
          body: { number: ticket.number, score, ...(comment ? { comment } : {}) },
        });
        setThanked(ticket.number);
        refresh();
      }}
      onGone={refresh}
      onExpired={() => setExpired(ticket.number)}
    />
  );
}

interface RateFormProps {
  locale: Locale;
  title: string;
  service: string;
  send: (score: number, comment: string) => Promise<void>;
  /** The visit can no longer be rated here: look again. */
  onGone: () => void;
  /** The question has been up for QUESTION_MS. */
  onExpired: () => void;
}

function RateForm({ locale, title, service, send, onGone, onExpired }: RateFormProps) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  /** A tapped score waits CHANGE_MS before it is sent; writing a comment holds it until "Send". */
  const [waiting, setWaiting] = useState<'countdown' | 'comment' | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What a timer or the unmount sends: the latest score, comment and callbacks, not those of its render
  // (the page re-renders at every poll).
  const latest = useRef({ score, comment, send, onGone, onExpired });
  latest.current = { score, comment, send, onGone, onExpired };
  const sent = useRef(false);

  const submit = useCallback(async () => {
    const now = latest.current;
    if (sent.current) return;
    if (now.score === null) return setError(locale.t('feedback.chooseRating'));
    sent.current = true;
    setWaiting(null);
    setSending(true);
    setError(null);
    try {
      await now.send(now.score, now.comment.trim());
    } catch (e) {
      sent.current = false;
      setSending(false);
      if (!(e instanceof ApiError)) return setError(locale.t('public.offline'));
      setError(e.status === 404 ? locale.t('rate.expired') : locale.error(e.code));
      if (e.status === 404 || e.code === 'feedback_given') now.onGone();
    }
  }, [locale]);

  useEffect(() => {
    const timer = setTimeout(() => latest.current.onExpired(), QUESTION_MS);
    return () => clearTimeout(timer);
  }, []);

  // The countdown: a second at a time on screen, the score sent at its end.
  useEffect(() => {
    if (waiting !== 'countdown') return;
    const started = Date.now();
    setSecondsLeft(Math.ceil(CHANGE_MS / 1000));
    const tick = setInterval(() => setSecondsLeft(Math.max(1, Math.ceil((CHANGE_MS - (Date.now() - started)) / 1000))), 1000);
    const done = setTimeout(() => void submit(), CHANGE_MS);
    return () => {
      clearInterval(tick);
      clearTimeout(done);
    };
  }, [waiting, score, submit]);

  // Taken away before its countdown ended (the window called the next visitor, the minute is up):
  // the score tapped still counts.
  useEffect(
    () => () => {
      if (latest.current.score !== null && !sent.current) void submit();
    },
    [submit],
  );

  return (
    <form
      className="rate"
      aria-labelledby="rate-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1 id="rate-title">{locale.t('rate.title')}</h1>
      <p className="rate-ticket">
        {title}
        {service && <span className="rate-service"> · {service}</span>}
      </p>
      <fieldset className="rate-scores">
        <legend className="visually-hidden">{locale.t('feedback.rating')}</legend>
        {SCORES.map(({ score: n, key }) => (
          <button
            key={n}
            type="button"
            className="rate-score"
            data-score={n}
            aria-pressed={score === n}
            disabled={sending}
            onClick={() => {
              setScore(n);
              setError(null);
              if (waiting !== 'comment') setWaiting('countdown');
            }}
          >
            {/* Named by what it shows, "4 Добре", as a voice user says it; the legend names the rating. */}
            <span className="rate-score-number">{n}</span>
            <span className="rate-score-word">{locale.t(key)}</span>
          </button>
        ))}
      </fieldset>
      <p className="rate-pending" role="status" data-waiting={waiting ?? undefined}>
        {waiting === 'countdown' && locale.t('rate.sendingIn', { seconds: secondsLeft })}
        {waiting === 'comment' && locale.t('rate.commentHolds')}
      </p>
      <label className="field">
        <span>{locale.t('feedback.comment')}</span>
        <textarea
          value={comment}
          maxLength={MAX_COMMENT}
          rows={2}
          onFocus={() => setWaiting('comment')}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      {error && (
        <p className="notice bad" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="rate-send" disabled={sending}>
        {locale.t('feedback.send')}
      </button>
    </form>
  );
}

function Notice({ tone, text }: { tone: 'bad' | 'wait'; text: string }) {
  return (
    <section className="rate">
      <p className={tone === 'bad' ? 'notice bad' : 'loading'} role={tone === 'bad' ? 'alert' : 'status'}>
        {text}
      </p>
    </section>
  );
}
