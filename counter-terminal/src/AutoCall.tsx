// Auto-call at the terminal (hub/src/engine/auto-call.ts): the switch where the window offers it, and
// while the window is free the countdown to the call the hub will make by itself, which the operator
// can cancel. The countdown runs on the hub's clock (`now` is corrected by the terminal's skew), from
// the counter state's `autoCallAt`; the call itself is the hub's, so a terminal that is closed or
// late changes nothing.
import type { CounterState } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

type Offered = NonNullable<CounterState['autoCall']>;

export function AutoCallSwitch({
  auto,
  locale,
  enabled,
  onChange,
}: {
  auto: Offered;
  locale: Locale;
  enabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className="auto-call-switch">
      <button
        type="button"
        className="secondary"
        role="switch"
        aria-checked={auto.on}
        disabled={!enabled}
        onClick={() => onChange(!auto.on)}
      >
        <span className="switch-track" aria-hidden="true" />
        <span>{locale.t('counter.auto.label')}</span>
      </button>
      <p className="auto-call-hint">{locale.t('counter.auto.hint', { seconds: auto.wrapUpSeconds })}</p>
    </div>
  );
}

/** What auto-call is doing now at a free window: counting down, held, or stopped and why. */
export function AutoCallStatus({
  state,
  locale,
  now,
  enabled,
  onCancel,
}: {
  state: CounterState;
  locale: Locale;
  now: number;
  enabled: boolean;
  onCancel: () => void;
}) {
  const auto = state.autoCall;
  if (!auto) return null;
  if (auto.stopped === 'no_shows') {
    return (
      <p className="auto-call auto-call-stopped" role="alert" data-auto-call="stopped">
        {locale.t('counter.auto.stopped')}
      </p>
    );
  }
  if (!auto.on || state.ticket || state.status !== 'open') return null;
  if (state.autoCallAt === null) {
    return (
      <p className="auto-call auto-call-held" data-auto-call="held">
        {locale.t('counter.auto.held')}
      </p>
    );
  }
  const seconds = Math.ceil((state.autoCallAt - now) / 1000);
  return (
    <div className="auto-call auto-call-countdown" data-auto-call="countdown" aria-live="polite">
      <p className="auto-call-time" data-seconds={Math.max(0, seconds)}>
        {seconds > 0 ? locale.t('counter.auto.countdown', { seconds }) : locale.t('counter.auto.waiting')}
      </p>
      <button type="button" className="secondary" disabled={!enabled} onClick={onCancel}>
        {locale.t('counter.auto.cancel')}
      </button>
    </div>
  );
}
