import type { CounterState, MessageKey } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { KEYS, type ShortcutAction } from './shortcuts.js';

/** What each button does now; absent when it cannot be done in the counter's state. */
export type Actions = Partial<Record<Exclude<ShortcutAction, 'unpark' | 'list'>, () => void>>;

interface ButtonsProps {
  actions: Actions;
  /** False while offline, while a command runs, or while a dialog is open. */
  enabled: boolean;
  state: CounterState;
  locale: Locale;
}

function ActionButton({
  action,
  label,
  run,
  enabled,
  className,
  locale,
}: {
  action: keyof Actions;
  label: MessageKey;
  run: (() => void) | undefined;
  enabled: boolean;
  className: string;
  locale: Locale;
}) {
  return (
    <button
      type="button"
      className={`action action-${action} ${className}`}
      disabled={!enabled || !run}
      aria-keyshortcuts={KEYS[action]}
      onClick={run}
    >
      <span className="action-label">{locale.t(label)}</span>
      {/* Its key is told by aria-keyshortcuts: the name is the words shown, as a voice user says them. */}
      <span aria-hidden="true">
        <kbd>{KEYS[action]}</kbd>
      </span>
    </button>
  );
}

/**
 * The work with the visitor, always in the same places so that the hand learns them: what cannot be
 * done now is disabled, and what the operator most likely wants next is the primary button.
 */
export function WorkActions({ actions, enabled, state, locale }: ButtonsProps) {
  const t = state.ticket;
  const primary: keyof Actions | null = !t ? (state.status === 'open' ? 'callNext' : null) : t.status === 'called' ? 'start' : 'finish';
  const button = (action: keyof Actions, label: MessageKey, wide = false) => (
    <ActionButton
      action={action}
      label={label}
      run={actions[action]}
      enabled={enabled}
      className={`${action === primary ? 'primary' : ''}${wide ? ' action-wide' : ''}`}
      locale={locale}
    />
  );
  return (
    <fieldset className="actions">
      <legend className="visually-hidden">{locale.t('counter.actions')}</legend>
      {button('callNext', 'counter.action.callNext', true)}
      {button('recall', 'counter.action.recall')}
      {button('start', 'counter.action.start')}
      {button('finish', 'counter.action.finish')}
      {button('noShow', 'counter.action.noShow')}
      {button('transfer', 'counter.action.transfer')}
      {button('park', 'counter.action.park')}
    </fieldset>
  );
}

/** The counter itself: pause or resume, close or open, log out. */
export function SessionControls({ actions, enabled, state, locale }: ButtonsProps) {
  // Back to work is the obvious next step for a paused or closed window.
  const primary = state.status === 'paused' ? 'pause' : state.status === 'closed' ? 'close' : null;
  const button = (action: keyof Actions, label: MessageKey) => (
    <ActionButton
      action={action}
      label={label}
      run={actions[action]}
      enabled={enabled}
      className={action === primary ? 'primary' : 'secondary'}
      locale={locale}
    />
  );
  return (
    <fieldset className="session-controls">
      <legend className="visually-hidden">{locale.t('counter.controls')}</legend>
      {button('pause', state.status === 'paused' ? 'counter.action.resume' : 'counter.action.pause')}
      {button('close', state.status === 'closed' ? 'counter.action.open' : 'counter.action.close')}
      {button('logout', 'counter.action.logout')}
    </fieldset>
  );
}
