import { topics } from '@vikno/shared';
import { type Session, useRetained } from '@vikno/ui';
import { NowServing } from './NowServing.js';
import { WaitingByGroup } from './WaitingByGroup.js';

/** The hall screen: the latest calls, and how many wait per service group. */
export function HallBoard({ config, client, locale }: Session) {
  const callsTopic = topics.calls(config.site.id);
  const calls = useRetained(client, callsTopic, 'calls').get(callsTopic)?.calls ?? [];
  const queues = useRetained(client, topics.queue(config.site.id, '+'), 'queue');
  return (
    <div className="board">
      <NowServing calls={calls} locale={locale} />
      <WaitingByGroup config={config} queues={queues.values()} locale={locale} />
    </div>
  );
}
