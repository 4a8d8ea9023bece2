import type { PublicConfig, QueueSummary } from '@vikno/shared';
import { type Locale, waitingByGroup } from '@vikno/shared/browser';
import type { CSSProperties, ReactNode } from 'react';
import { inZone, type ZoneServices } from './calls.js';

interface Props {
  config: PublicConfig;
  services: ZoneServices;
  queues: Iterable<QueueSummary>;
  locale: Locale;
  /** Shown under the counts: where transferred tickets went. */
  children?: ReactNode;
}

/** People waiting per service group, for the groups that hold services (of the zone, if limited). */
export function WaitingByGroup({ config, services, queues, locale, children }: Props) {
  const shown = config.services.filter((s) => inZone(services, s.id));
  const waiting = waitingByGroup({ serviceGroups: config.serviceGroups, services: shown }, queues);
  const groups = config.serviceGroups.filter((g) => shown.some((s) => s.group === g.id));
  return (
    <section className="waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{locale.t('queue.waiting')}</h2>
      {/* The rows share the panel's height: display.css sizes the type by their number. */}
      <ul style={{ '--rows': groups.length } as CSSProperties}>
        {groups.map((group) => (
          <li key={group.id} data-group={group.id}>
            <span className="group-name">{locale.name(group.names)}</span>
            <span className="group-count">{waiting.get(group.id) ?? 0}</span>
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
