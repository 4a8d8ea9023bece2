// Service groups and services as big buttons: the home screen shows the top-level groups, a group
// its subgroups and services. Each button says how many people wait.
import type { PublicConfig, QueueSummary } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

type Group = PublicConfig['serviceGroups'][number];
type Service = PublicConfig['services'][number];

interface Props {
  config: PublicConfig;
  locale: Locale;
  queues: ReadonlyMap<string, QueueSummary>;
  waitingByGroup: ReadonlyMap<string, number>;
  /** null: the top-level groups. */
  group: string | null;
  onGroup: (group: string) => void;
  onService: (service: string) => void;
}

export function ServiceChoice({ config, locale, queues, waitingByGroup, group, onGroup, onService }: Props) {
  const groups = config.serviceGroups.filter((g) => (g.parent ?? null) === group && hasServices(config, g.id));
  const services = group ? config.services.filter((s) => s.group === group && s.active) : [];
  // More than six choices: a landscape screen in large text lays them out in more, narrower columns
  // (kiosk.css), as three rows of three would not fit its height.
  const many = groups.length + services.length > 6;
  return (
    <div className={many ? 'big-buttons big-buttons-many' : 'big-buttons'}>
      {groups.map((g) => (
        <GroupButton key={g.id} group={g} locale={locale} waiting={waitingByGroup.get(g.id) ?? 0} onChoose={onGroup} />
      ))}
      {services.map((s) => (
        <ServiceButton key={s.id} service={s} locale={locale} queue={queues.get(s.id)} onChoose={onService} />
      ))}
    </div>
  );
}

/** A group is offered when it or a subgroup has an active service. */
function hasServices(config: PublicConfig, group: string): boolean {
  if (config.services.some((s) => s.group === group && s.active)) return true;
  return config.serviceGroups.some((g) => g.parent === group && hasServices(config, g.id));
}

function GroupButton({
  group,
  locale,
  waiting,
  onChoose,
}: {
  group: Group;
  locale: Locale;
  waiting: number;
  onChoose: (id: string) => void;
}) {
  return (
    <button type="button" className="group-button" data-group={group.id} onClick={() => onChoose(group.id)}>
      <span className="choice-name">{locale.name(group.names)}</span>
      <span className="choice-detail">{locale.t('queue.waitingCount', { count: waiting })}</span>
    </button>
  );
}

export function ServiceButton({
  service,
  locale,
  queue,
  onChoose,
}: {
  service: Service;
  locale: Locale;
  queue: QueueSummary | undefined;
  onChoose: (id: string) => void;
}) {
  const waiting = queue?.waiting ?? 0;
  const minutes = Math.round(queue?.estimatedWaitMinutes ?? 0);
  const range = queue?.estimatedWaitRange;
  // A wait also when nobody waits but every window is busy: a ticket taken now waits for one.
  const estimate = !range?.high
    ? ''
    : range.low < range.high
      ? locale.t('queue.estimateRange', range)
      : locale.t('queue.estimate', { minutes: Math.max(1, minutes) });
  return (
    <button type="button" className="service-button" data-service={service.id} onClick={() => onChoose(service.id)}>
      <span className="choice-name">{locale.name(service.names)}</span>
      <span className="choice-detail">
        {locale.t('queue.waitingCount', { count: waiting })}
        {estimate && ` · ${estimate}`}
      </span>
    </button>
  );
}
