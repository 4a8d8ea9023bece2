import {
  BUTTON_PAUSE_REASON,
  type ButtonAction,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type CounterState,
  type LineTicket,
  type QueueSummary,
  topics,
  viknoBridge,
} from '@vikno/shared';
import { type Session, useRetained } from '@vikno/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Actions, SessionControls, WorkActions } from './ActionGrid.js';
import { AutoCallStatus, AutoCallSwitch } from './AutoCall.js';
import { CurrentTicket } from './CurrentTicket.js';
import { LinePanel } from './LinePanel.js';
import { namer } from './names.js';
import { PauseDialog } from './PauseDialog.js';
import { refusal, refusalCode, send } from './send.js';
import { useShortcuts } from './shortcuts.js';
import { TodayFigures } from './TodayFigures.js';
import { TransferDialog } from './TransferDialog.js';
import { useNow } from './time.js';
import type { CounterStates } from './useCounterStates.js';
import { useQuery } from './useQuery.js';

interface DeskProps {
  session: Session;
  /** This terminal's counter, with its operator logged in from this device. */
  state: CounterState;
  counters: CounterStates;
  /** Which counters' changes draw the desk again: its own (null: all). */
  watch: (counter: string | null) => void;
}

interface Feedback {
  kind: 'done' | 'refused';
  text: string;
}

/** The list is asked for again at least this often: who call-next picks also depends on the time. */
const LINE_REFRESH_MS = 30_000;

/** The operator's screen: the visitor at the window and what to do next, and who is waiting. */
export function Desk({ session, state, counters, watch }: DeskProps) {
  const { client, config, locale, status } = session;
  const online = status === 'online';
  const names = useMemo(() => namer(config, locale), [config, locale]);
  const ticket = state.ticket;

  // ── what the hub says ──
  const served = useMemo(
    () => new Set(config.counters.find((c) => c.id === state.counter)?.services.map((s) => s.service)),
    [config, state.counter],
  );
  const servedQueue = useCallback((q: QueueSummary) => served.has(q.service), [served]);
  const servedQueues = useRetained(client, topics.queue(config.site.id, '+'), 'queue', servedQueue);
  const queues = useMemo(() => [...servedQueues.values()], [servedQueues]);
  const tick = useNow(1000);
  // The list changes with its services' lines (a window opening or closing elsewhere decides whether
  // the tickets this one sent there are its to call) and with the tickets sent to this window alone,
  // counted in its state: not with every line of the centre, which at a busy centre change many
  // times a second.
  const queuesKey = queues.map((q) => `${q.service}:${q.waiting}:${q.oldestQueuedAt}:${q.openCounters}`).join();
  const lineKey = `${queuesKey}|${state.directed}|${state.since}|${state.parked.join()}|${Math.floor(tick / LINE_REFRESH_MS)}`;
  const line = useQuery(client, 'counter.waiting', {}, lineKey, online);
  const today = useQuery(client, 'operator.today', {}, `${state.since}|${state.operator?.username}`, online);
  // Asked while the transfer dialog is open, again as any window opens, closes or changes hands.
  const [dialog, setDialog] = useState<'transfer' | 'pause' | null>(null);
  // The other windows matter to the desk only while the transfer dialog lists them.
  useEffect(() => {
    watch(dialog === 'transfer' ? null : state.counter);
    return () => watch(null);
  }, [watch, dialog, state.counter]);
  const windowsKey = [...counters.states.values()].map((s) => `${s.counter}:${s.status}:${s.operator?.username}`).join();
  const transferOptions = useQuery(client, 'counter.transferOptions', {}, windowsKey, online && dialog === 'transfer');
  // Waits are measured by the hub's clock: the terminal's own may be off.
  const [skew, setSkew] = useState(0);
  useEffect(() => {
    if (line) setSkew(line.at - Date.now());
  }, [line]);
  const now = tick + skew;

  // ── doing things ──
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [outcomes, setOutcomes] = useState<readonly string[]>([]);
  // The marks belong to one visit.
  useEffect(() => setOutcomes([]), [ticket?.id]);

  /** One command per press; the next press waits for its answer. */
  const run = async <C extends CommandName>(
    name: C,
    args: CommandArgs<C>,
    done?: (result: CommandResult<C>) => string,
    explain?: (error: unknown) => string | undefined,
  ) => {
    if (busyRef.current || !online) return;
    busyRef.current = true;
    setBusy(true);
    setFeedback(null);
    try {
      const result = await send(client, name, args);
      const answered = (result as { counter?: CounterState }).counter;
      if (answered) counters.note(answered);
      if (done) setFeedback({ kind: 'done', text: done(result) });
    } catch (error) {
      setFeedback({ kind: 'refused', text: explain?.(error) ?? refusal(error, locale) });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  /** "Ticket A-003 has already been called at window 3", from the other counters' states. */
  const explainTaken = (number: string, id: string) => (error: unknown) => {
    if (refusalCode(error) !== 'already_called') return undefined;
    const at = [...counters.latest().values()].find((s) => s.ticket?.id === id);
    return at ? locale.t('counter.refused.calledAt', { number, window: at.window }) : locale.t('counter.refused.gone', { number });
  };

  const called = ticket?.status === 'called';
  const paused = state.status === 'paused';
  const closed = state.status === 'closed';
  const canCall = online && !busy && !ticket && state.status === 'open';
  const pause = (reason: string) => {
    setDialog(null);
    void run('counter.pause', { reason });
  };
  const actions: Actions = {
    callNext: !ticket && state.status === 'open' ? () => run('counter.callNext', {}) : undefined,
    recall: called ? () => run('counter.recall', {}, (r) => locale.t('counter.done.recall', { number: r.ticket.number })) : undefined,
    start: called ? () => run('counter.start', {}) : undefined,
    finish: ticket
      ? () => run('counter.finish', { outcomes: [...outcomes] }, (r) => locale.t('counter.done.finish', { number: r.ticket.number }))
      : undefined,
    noShow: called ? () => run('counter.noShow', {}, (r) => locale.t('counter.done.noShow', { number: r.ticket.number })) : undefined,
    transfer: ticket ? () => setDialog('transfer') : undefined,
    park: ticket ? () => run('counter.park', {}, (r) => locale.t('counter.done.park', { number: r.ticket.number })) : undefined,
    pause: paused ? () => run('counter.resume', {}) : !ticket && !closed ? () => setDialog('pause') : undefined,
    close: closed ? () => run('counter.open', {}) : !ticket ? () => run('counter.close', {}) : undefined,
    logout: !ticket ? () => run('operator.logout', {}) : undefined,
  };
  const callTicket = (t: LineTicket) => run('counter.callTicket', { ticketId: t.id }, undefined, explainTaken(t.number, t.id));
  const unpark = (t: LineTicket) => run('counter.unpark', { ticketId: t.id }, undefined, explainTaken(t.number, t.id));
  const toggleOutcome = (id: string) => setOutcomes((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));

  const enabled = online && !busy && !dialog;
  useShortcuts(
    {
      ...(enabled ? actions : {}),
      unpark: enabled && canCall && line?.parked[0] ? () => unpark(line.parked[0]!) : undefined,
      list: () => document.querySelector<HTMLButtonElement>('.tickets button:not(:disabled)')?.focus(),
    },
    (n) => {
      const outcome = config.outcomes[n - 1];
      if (ticket && outcome) toggleOutcome(outcome.id);
    },
  );

  // A call-button pad (Electron) presses the same buttons.
  const pad = useRef<Partial<Record<ButtonAction, () => void>>>({});
  pad.current = enabled
    ? {
        callNext: actions.callNext,
        recall: actions.recall,
        start: actions.start,
        finish: actions.finish,
        noShow: actions.noShow,
        pause: !paused && !ticket && !closed ? () => pause(BUTTON_PAUSE_REASON) : undefined,
        resume: paused ? actions.pause : undefined,
      }
    : {};
  useEffect(() => viknoBridge()?.counter?.onButton((a) => pad.current[a]?.()), []);

  return (
    <div className="desk">
      <section className="work" aria-label={locale.t('counter.work')}>
        {!online && (
          <p className="offline-note" role="alert">
            {locale.t('counter.offline')}
          </p>
        )}
        <CurrentTicket state={state} line={line} config={config} locale={locale} names={names} now={now} />
        <AutoCallStatus state={state} locale={locale} now={now} enabled={enabled} onCancel={() => run('counter.cancelAutoCall', {})} />
        {ticket && config.outcomes.length > 0 && (
          <fieldset className="outcomes">
            <legend>{locale.t('counter.outcomes')}</legend>
            {config.outcomes.map((o, i) => (
              <button
                key={o.id}
                type="button"
                aria-pressed={outcomes.includes(o.id)}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => toggleOutcome(o.id)}
              >
                {/* Named by the words shown; its key is told by aria-keyshortcuts. */}
                <span>{locale.name(o.names)}</span>
                {i < 9 && (
                  <span aria-hidden="true">
                    <kbd>{i + 1}</kbd>
                  </span>
                )}
              </button>
            ))}
          </fieldset>
        )}
        <WorkActions actions={actions} enabled={enabled} state={state} locale={locale} />
        <div className="feedback-slot">
          {feedback?.kind === 'refused' && (
            <p className="feedback feedback-refused" role="alert">
              {feedback.text}
            </p>
          )}
          {feedback?.kind === 'done' && (
            <p className="feedback feedback-done" aria-live="polite">
              {feedback.text}
            </p>
          )}
        </div>
      </section>
      <aside className="side" aria-label={locale.t('counter.side')}>
        <section className="panel desk-card" aria-labelledby="desk-window">
          <header className="desk-bar">
            <h2 id="desk-window" className="desk-window">
              {locale.t('counter.window', { window: state.window })}
            </h2>
            <p className={`desk-status status-${state.status}`}>{locale.t(`counterStatus.${state.status}`)}</p>
          </header>
          <p className="desk-operator">{state.operator?.name}</p>
          <TodayFigures today={today} locale={locale} />
          {state.autoCall && (
            <AutoCallSwitch auto={state.autoCall} locale={locale} enabled={enabled} onChange={(on) => run('counter.autoCall', { on })} />
          )}
          <SessionControls actions={actions} enabled={enabled} state={state} locale={locale} />
        </section>
        <LinePanel
          line={line}
          queues={queues}
          locale={locale}
          names={names}
          now={now}
          targetMs={config.targetWaitMinutes * 60_000}
          canCall={canCall}
          onCall={callTicket}
          onUnpark={unpark}
        />
      </aside>
      {dialog === 'transfer' && ticket && (
        <TransferDialog
          config={config}
          locale={locale}
          ticket={ticket}
          from={state.counter}
          counters={counters.states}
          options={transferOptions}
          onClose={() => setDialog(null)}
          onTransfer={(args) => {
            setDialog(null);
            const target = args.counter
              ? locale.t('counter.window', { window: names.window(args.counter) })
              : args.operator
                ? (transferOptions?.operators.find((o) => o.username === args.operator)?.name ?? args.operator)
                : names.service(args.service ?? ticket.service);
            void run('counter.transfer', args, (r) => locale.t('counter.done.transfer', { number: r.ticket.number, target }));
          }}
        />
      )}
      {dialog === 'pause' && <PauseDialog locale={locale} onPause={pause} onClose={() => setDialog(null)} />}
    </div>
  );
}
