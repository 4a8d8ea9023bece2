import type { PublicConfig, QueueSummary } from '@vikno/shared';
import { type Locale, waitingByGroup } from '@vikno/shared/browser';

interface Props {
  config: PublicConfig;
  queues: Iterable<QueueSummary>;
  locale: Locale;
}

/** People waiting per service group, for the groups that hold services. */
export function WaitingByGroup({ config, queues, locale }: Props) {
  const waiting = waitingByGroup(config, queues);
  const groups = config.serviceGroups.filter((g) => config.services.some((s) => s.group === g.id));
  return (
    <section className="waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{locale.t('queue.waiting')}</h2>
      <ul>
        {groups.map((group) => (
          <li key={group.id} data-group={group.id}>
            <span className="group-name">{locale.name(group.names)}</span>
            <span className="group-count">{waiting.get(group.id) ?? 0}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
