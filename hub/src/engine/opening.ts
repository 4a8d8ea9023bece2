// When visitors may take a ticket themselves, at a kiosk (or `web`): from `kiosk.ticketsBeforeOpeningMinutes`
// before an opening in `site.businessHours` until its closing and, for each service, until its last
// ticket and while its windows can still serve today everyone already waiting. Staff (`operator`)
// tickets and checked-in appointments are never refused here: they are the centre's own decision.
// The public /status page reads the same rules, so it and the kiosks always agree.
import type { Config, ErrorParams, Weekday } from '@vikno/shared';
import { addDays, hoursOf, wallTime, weekdayOf, zonedInstant } from '../appointments/hours.js';

const MINUTE = 60_000;

interface Interval {
  opens: number;
  closes: number;
}

/** The next time the centre opens, as visitors read it. */
export interface NextOpening {
  day: string;
  weekday: Weekday;
  /** `HH:MM` in the site's zone. */
  opens: string;
  /** `HH:MM`: when kiosks start issuing, before `opens` by `kiosk.ticketsBeforeOpeningMinutes`. */
  ticketsFrom: string;
}

/** The centre's hours as /status shows them. */
export interface CentreOpening {
  /** Inside an opening in `site.businessHours` (always, for a centre that publishes none). */
  openNow: boolean;
  /** Kiosks issue tickets now: open, or in the early window before an opening. */
  ticketsNow: boolean;
  /** `HH:MM` the current opening ends; null when closed. */
  closesAt: string | null;
  /** When closed (or open only for tickets): the next opening, today or on a later day; null if none within a week. */
  next: NextOpening | null;
}

/** Whether a visitor can take a ticket for one service now, as /status lists it per service. */
export interface ServiceTickets {
  tickets: 'open' | 'closed' | 'full';
  /** `HH:MM` of today's last ticket for the service; null when the centre publishes no hours or is closed today. */
  lastTicketAt: string | null;
}

/** Why a visitor's own ticket is refused: an EngineError's code, message and params. */
export interface Refusal {
  code: 'service_closed' | 'day_full';
  message: string;
  params: ErrorParams;
}

/** What the engine knows of a service's line when a visitor asks for a ticket. */
export interface LineLoad {
  /** Tickets waiting for the service now. */
  waiting: number;
  /**
   * The windows that serve it that are staffed now (open or paused); when none is (before the
   * operators log in), every window that serves it: the centre's plan for the day.
   */
  windows: number;
}

export class OpeningHours {
  private readonly published: boolean;
  private readonly earlyMs: number;
  private readonly minutes = new Map<string, { average: number; lastTicket: number }>();
  /** One day's openings as instants: computed once a day, asked for at every issue. */
  private cached: { day: string; intervals: Interval[] } | undefined;

  constructor(private readonly config: Config) {
    this.published = Object.values(config.site.businessHours).some((d) => d && d.length > 0);
    this.earlyMs = config.kiosk.ticketsBeforeOpeningMinutes * MINUTE;
    for (const s of config.services) {
      this.minutes.set(s.id, { average: s.averageServiceMinutes, lastTicket: s.lastTicketMinutesBeforeClosing ?? s.averageServiceMinutes });
    }
  }

  /**
   * Null when a visitor may take a ticket for `service` at `at`; else why not. A service is full
   * after its last ticket (closing − `lastTicketMinutesBeforeClosing`, by default its average
   * service time), or when its waiting line and the new visitor, at its average service time, need
   * more than the time left in today's openings at its windows (`load.windows`). The capacity rule
   * counts only the service's own line, so it errs towards issuing: it refuses only when even those
   * windows' whole remaining day cannot serve the people already waiting. With one window and
   * nobody waiting it refuses from the same instant as the default last ticket.
   */
  refusal(day: string, at: number, service: string, load: LineLoad): Refusal | null {
    if (!this.published) return null;
    const intervals = this.intervals(day);
    if (!intervals.some((i) => at >= i.opens - this.earlyMs && at < i.closes)) {
      const next = this.next(day, at);
      return {
        code: 'service_closed',
        message: next ? `tickets are issued from ${next.ticketsFrom} on ${next.day}` : 'the centre is closed',
        params: { service, bookable: this.bookable(service), ...(next && { ...next, opensToday: next.day === day }) },
      };
    }
    const m = this.minutes.get(service);
    const last = this.lastTicket(intervals, service);
    if (!m || last === null) return null;
    if (at >= last) {
      return {
        code: 'day_full',
        message: `the last ticket for "${service}" today was at ${this.time(last)}`,
        params: { service, bookable: this.bookable(service), reason: 'last_ticket', lastTicketAt: this.time(last) },
      };
    }
    const left = intervals.reduce((sum, i) => sum + Math.max(0, i.closes - Math.max(at, i.opens)), 0) / MINUTE;
    if ((load.waiting + 1) * m.average > left * load.windows) {
      return {
        code: 'day_full',
        message: `"${service}" has ${load.waiting} waiting: its ${load.windows} window(s) cannot serve another today`,
        params: { service, bookable: this.bookable(service), reason: 'capacity', lastTicketAt: this.time(last) },
      };
    }
    return null;
  }

  centre(day: string, at: number): CentreOpening {
    if (!this.published) return { openNow: true, ticketsNow: true, closesAt: null, next: null };
    const intervals = this.intervals(day);
    const open = intervals.find((i) => at >= i.opens && at < i.closes);
    return {
      openNow: open !== undefined,
      ticketsNow: intervals.some((i) => at >= i.opens - this.earlyMs && at < i.closes),
      closesAt: open ? this.time(open.closes) : null,
      next: open ? null : this.next(day, at),
    };
  }

  /** The service's state for /status, by the same rules as `refusal`. */
  service(day: string, at: number, service: string, load: LineLoad): ServiceTickets {
    const refused = this.refusal(day, at, service, load);
    const last = this.published ? this.lastTicket(this.intervals(day), service) : null;
    return {
      tickets: !refused ? 'open' : refused.code === 'service_closed' ? 'closed' : 'full',
      lastTicketAt: last === null ? null : this.time(last),
    };
  }

  /** The public booking page offers the service: the kiosk can send the visitor there. */
  private bookable(service: string): boolean {
    return this.config.appointments.services.includes(service);
  }

  private lastTicket(intervals: readonly Interval[], service: string): number | null {
    const closes = intervals.at(-1)?.closes;
    const m = this.minutes.get(service);
    return closes === undefined || !m ? null : closes - m.lastTicket * MINUTE;
  }

  /** The first opening after `at`: later today, or on one of the next seven days. */
  private next(day: string, at: number): NextOpening | null {
    for (let d = 0; d <= 7; d++) {
      const on = addDays(day, d);
      const i = (d === 0 ? this.intervals(on) : this.intervalsOf(on)).find((x) => x.opens > at);
      if (i) return { day: on, weekday: weekdayOf(on), opens: this.time(i.opens), ticketsFrom: this.time(i.opens - this.earlyMs) };
    }
    return null;
  }

  /** The openings of the engine's day, kept: every visitor's ticket asks. */
  private intervals(day: string): Interval[] {
    if (this.cached?.day !== day) this.cached = { day, intervals: this.intervalsOf(day) };
    return this.cached.intervals;
  }

  private intervalsOf(day: string): Interval[] {
    const tz = this.config.site.timezone;
    return hoursOf(this.config, day)
      .map(([open, close]) => ({ opens: zonedInstant(day, open, tz), closes: zonedInstant(day, close, tz) }))
      .sort((a, b) => a.opens - b.opens);
  }

  private time(at: number): string {
    return wallTime(at, this.config.site.timezone);
  }
}
