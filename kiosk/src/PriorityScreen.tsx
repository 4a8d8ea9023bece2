import type { PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

/** The priority categories the centre recognises; the chosen one rides along to the service choice. */
export function PriorityScreen({
  config,
  locale,
  onChoose,
}: {
  config: PublicConfig;
  locale: Locale;
  onChoose: (category: string) => void;
}) {
  return (
    <section className="priority" aria-labelledby="priority-title">
      <h2 id="priority-title">{locale.t('kiosk.priority.title')}</h2>
      <p className="hint">{locale.t('kiosk.priority.hint')}</p>
      <div className="big-buttons">
        {config.priorityCategories.map((p) => (
          <button key={p.id} type="button" data-priority={p.id} onClick={() => onChoose(p.id)}>
            <span className="choice-name">{locale.name(p.names)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
