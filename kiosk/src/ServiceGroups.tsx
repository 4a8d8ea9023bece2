import { topics } from '@vikno/shared';
import { waitingByGroup } from '@vikno/shared/browser';
import { type Session, useRetained } from '@vikno/ui';

/** The top-level service groups with how many wait in each. Issuing tickets comes later. */
export function ServiceGroups({ config, client, locale }: Session) {
  const queues = useRetained(client, topics.queue(config.site.id, '+'), 'queue');
  const waiting = waitingByGroup(config, queues.values());
  const groups = config.serviceGroups.filter((g) => !g.parent);
  return (
    <section className="service-groups" aria-labelledby="service-groups-title">
      <h2 id="service-groups-title">{locale.t('kiosk.chooseService')}</h2>
      <div className="big-buttons">
        {groups.map((group) => (
          <button key={group.id} type="button" aria-disabled="true" data-group={group.id}>
            <span className="group-name">{locale.name(group.names)}</span>
            <span className="group-waiting">{locale.t('queue.waitingCount', { count: waiting.get(group.id) ?? 0 })}</span>
          </button>
        ))}
      </div>
      <p className="pending">{locale.t('foundation.pending')}</p>
    </section>
  );
}
