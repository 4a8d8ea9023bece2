import { type Call, type QueueSummary, type TransferNotice, topics } from '@vikno/shared';
import { type Session, useRetained } from '@vikno/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { afterNextPaint } from './after-paint.js';
import { Clock } from './Clock.js';
import { BoardView, boardCalls, callKey, displayZone, inZone, watchCalls, zoneServices } from './calls.js';
import { NowServing } from './NowServing.js';
import { usePaintMarks } from './paint-marks.js';
import { Ticker } from './Ticker.js';
import { Transfers } from './Transfers.js';
import { useAnnouncer } from './useAnnouncer.js';
import { useFresh } from './useFresh.js';
import { WaitingByGroup } from './WaitingByGroup.js';

/** The hall screen: the latest calls, the time, how many wait per service group, and the ticker. */
export function HallBoard({ config, client, locale, device }: Session) {
  const zone = displayZone(config, device.device);
  const [calls, setCalls] = useState<readonly Call[]>([]);
  const [transfers, setTransfers] = useState<readonly TransferNotice[]>([]);
  const [fresh, markFresh] = useFresh();
  const { announce, soundBlocked } = useAnnouncer(config);
  const markPainted = usePaintMarks();
  const services = useMemo(() => zoneServices(config, zone), [config, zone]);
  useEffect(() => {
    const view = new BoardView(zone, services);
    return watchCalls(client, config.site.id, (all, arrived, transferred) => {
      const mine = arrived.filter((c) => !zone || c.zone === zone);
      if (!view.changed(all, transferred) && !mine.length) return;
      const update = () => {
        setCalls(all);
        setTransfers(transferred);
        markFresh(mine.map(callKey));
        markPainted(mine.map((c) => c.number));
      };
      if (!mine.length) return update();
      // A new call is drawn in this task, not in one React schedules after the others queued, and
      // its announcement starts once the frame is drawn: the chime and the synthesizer's thread
      // then take no time from the frame the hall reads.
      flushSync(update);
      afterNextPaint(() => {
        for (const call of mine) announce(call);
      });
    });
  }, [client, config.site.id, zone, services, announce, markFresh, markPainted]);
  const queueInZone = useCallback((q: QueueSummary) => inZone(services, q.service), [services]);
  const queues = useRetained(client, topics.queue(config.site.id, '+'), 'queue', queueInZone);
  const zoneNames = config.zones.find((z) => z.id === zone)?.names;
  // In the site's order, not the labels' language of the moment: the line must not jump as they change.
  const ticker = config.site.languages.map((lang) => config.announcements.ticker[lang]).filter((text) => text !== undefined);
  return (
    <div className={`board${ticker.length ? ' board-ticker' : ''}`}>
      <NowServing calls={boardCalls(calls, zone)} fresh={fresh} zone={zoneNames ? locale.name(zoneNames) : null} locale={locale} />
      <div className="board-side">
        <Clock timeZone={config.site.timezone} locale={locale} />
        <WaitingByGroup config={config} services={services} queues={queues.values()} locale={locale}>
          <Transfers config={config} transfers={transfers} services={services} locale={locale} />
        </WaitingByGroup>
        {soundBlocked && <p className="sound-blocked">{locale.t('display.soundBlocked')}</p>}
      </div>
      {ticker.length > 0 && <Ticker texts={ticker} label={locale.t('display.ticker')} />}
    </div>
  );
}
