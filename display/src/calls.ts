// The recent calls as a hall display uses them: which are new (to pulse and announce), which belong
// to the display's zone, and one row per ticket.
import { type Call, type PublicConfig, type TransferNotice, topicPayloads, topics } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';

/** One call of a ticket: a recall or a call at another counter is another key. */
export function callKey(call: Call): string {
  return `${call.ticketId}@${call.counter}@${call.at}`;
}

/** The zone the display is limited to, if its device has one. */
export function displayZone(config: Pick<PublicConfig, 'devices'>, device: string): string | null {
  return config.devices.find((d) => d.id === device)?.zone ?? null;
}

/** The services of a zone: those its windows serve; null for a display of the whole centre. */
export type ZoneServices = ReadonlySet<string> | null;

export function zoneServices(config: Pick<PublicConfig, 'counters'>, zone: string | null): ZoneServices {
  return zone ? new Set(config.counters.filter((k) => k.zone === zone).flatMap((k) => k.services.map((s) => s.service))) : null;
}

export function inZone(services: ZoneServices, service: string): boolean {
  return !services || services.has(service);
}

/** The zone's calls, newest first, each ticket once (its latest call). */
export function boardCalls(calls: readonly Call[], zone: string | null): Call[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    if ((zone && call.zone !== zone) || seen.has(call.ticketId)) return false;
    seen.add(call.ticketId);
    return true;
  });
}

/**
 * Tells which calls of each new list arrived since the last one. After every (re)connection the
 * first list only says what is already known: the retained list then holds calls made earlier,
 * which are shown at once but not announced again.
 */
export class ArrivingCalls {
  private known: Set<string> | null = null;

  /** The connection was (re)made: the next list is the retained one. */
  reconnected(): void {
    this.known = null;
  }

  /** The calls of `calls` (newest first) not in the previous list, oldest first. */
  next(calls: readonly Call[]): Call[] {
    const known = this.known;
    this.known = new Set(calls.map(callKey));
    return known ? calls.filter((c) => !known.has(callKey(c))).reverse() : [];
  }
}

/**
 * Whether a calls message changes what a board shows: its zone's calls and the transfers to its
 * services. A call elsewhere in the centre (many a second at a busy one) need not redraw the hall.
 */
export class BoardView {
  private shown = '';

  constructor(
    private readonly zone: string | null,
    private readonly services: ZoneServices,
  ) {}

  changed(calls: readonly Call[], transfers: readonly TransferNotice[]): boolean {
    const view = JSON.stringify([boardCalls(calls, this.zone), transfers.filter((t) => inZone(this.services, t.service))]);
    if (view === this.shown) return false;
    this.shown = view;
    return true;
  }
}

/**
 * The recent calls on every change, with the calls that arrived with it (oldest first), and the
 * transferred tickets still waiting that came in the same message.
 */
export function watchCalls(
  client: ViknoClient,
  site: string,
  onChange: (calls: readonly Call[], arrived: readonly Call[], transfers: readonly TransferNotice[]) => void,
): () => void {
  const arriving = new ArrivingCalls();
  const reconnected = () => arriving.reconnected();
  client.mqtt.on('connect', reconnected);
  const unsubscribe = client.subscribe(topics.calls(site), (_topic, payload) => {
    const parsed = topicPayloads.calls.safeParse(payload);
    if (parsed.success) onChange(parsed.data.calls, arriving.next(parsed.data.calls), parsed.data.transfers);
  });
  return () => {
    client.mqtt.off('connect', reconnected);
    unsubscribe();
  };
}
