// The waiting tickets, kept in the orders the call rules need (select.ts), so that a call reads the
// first ticket of each order of the services its counter serves instead of every waiting ticket.
//
// A line holds one service's tickets that any counter serving it may call, or the tickets transferred
// to one counter for one service. Within a line each kind has its own order:
//  - appointments, by appointment time, then queue time (rule 1), and a second order by appointment
//    time, then arrival (rule 5): the two rules break ties differently and both are kept exactly;
//  - returned (transferred) tickets, by queue time (rule 2);
//  - priority and normal tickets, each by queue time (rules 3 and 4: within a line the counter's
//    weight is the same for all, and the oldest of the two is the line's longest wait).
// Every order ends with the service's place in the config and the ticket's place in the order of
// joining, which is how the rules broke ties when they looked through every line in that order.
//
// sorted-btree (a B+ tree) rather than a heap: a ticket leaves its line from anywhere (a counter
// calls a ticket by number, the day ends), and a B+ tree removes any key in O(log n) where a binary
// heap needs a search, or tombstones that each read would have to sweep.
import { createRequire } from 'node:module';
import type { Config, Ticket } from '@vikno/shared';
import type BTreeModule from 'sorted-btree';

// sorted-btree is CommonJS with its class on `exports.default`, which Node's ESM import and vitest's
// interop hand over differently; require reads it the same way in both.
const BTree: typeof BTreeModule.default = createRequire(import.meta.url)('sorted-btree').default;

export type Kind = 'appointment' | 'returned' | 'priority' | 'normal';

/** What a waiting ticket counts as in the rules: an appointment even when it was transferred. */
export function kindOf(t: Ticket): Kind {
  if (t.appointmentAt !== null) return 'appointment';
  if (t.returned) return 'returned';
  return t.priority === null ? 'normal' : 'priority';
}

/** A waiting ticket as its line keeps it: the keys are fixed when it joins. */
export interface Entry {
  readonly ticket: Ticket;
  readonly line: Line;
  readonly kind: Kind;
  readonly queuedAt: number;
  readonly appointmentAt: number | null;
  /** Its place in the order of joining, over all lines. */
  readonly seq: number;
}

const tie = (a: Entry, b: Entry) => a.line.index - b.line.index || a.seq - b.seq;
/** Rules 2–4: the longest wait first. */
export const byWait = (a: Entry, b: Entry) => a.queuedAt - b.queuedAt || tie(a, b);
/** Rule 1: the earliest appointment, then the longest wait. */
export const byAppointmentThenWait = (a: Entry, b: Entry) => a.appointmentAt! - b.appointmentAt! || byWait(a, b);
/** Rule 5: the earliest appointment, then the first to join. */
export const byAppointment = (a: Entry, b: Entry) => a.appointmentAt! - b.appointmentAt! || tie(a, b);

/**
 * Entries in one order, the first at hand with its keys: a call compares the first entries of five
 * orders in each of dozens of lines, and reads these numbers here rather than from entries spread
 * over a heap of 100,000 tickets, a likely cache miss each.
 */
export class Order {
  private readonly tree: BTreeModule.default<Entry, undefined>;
  first: Entry | undefined;
  /** The first's appointment time (0 for a kind without one), queue time and place in joining. */
  at = 0;
  queuedAt = 0;
  seq = 0;

  constructor(
    private readonly compare: (a: Entry, b: Entry) => number,
    /** Its service's place in the config. */
    readonly index: number,
  ) {
    this.tree = new BTree(undefined, compare);
  }

  get size(): number {
    return this.tree.size;
  }

  add(e: Entry): void {
    this.tree.set(e, undefined);
    if (!this.first || this.compare(e, this.first) < 0) this.setFirst(e);
  }

  delete(e: Entry): void {
    this.tree.delete(e);
    if (this.first === e) this.setFirst(this.tree.minKey());
  }

  private setFirst(e: Entry | undefined): void {
    this.first = e;
    if (!e) return;
    this.at = e.appointmentAt ?? 0;
    this.queuedAt = e.queuedAt;
    this.seq = e.seq;
  }

  entries(): Entry[] {
    return this.tree.keysArray();
  }

  /**
   * How many entries come before `e`, which is in the order: walks them from the nearer end as its
   * keys say (a ticket that just joined is counted from the back at once), so only for the rare
   * estimate that needs it.
   */
  countBefore(e: Entry): number {
    const first = this.first;
    const last = this.tree.maxKey();
    if (!first || !last) return 0;
    const key = (x: Entry) => x.appointmentAt ?? x.queuedAt;
    if (key(e) - key(first) <= key(last) - key(e)) return this.tree.forRange(first, e, false);
    return this.tree.size - this.tree.forRange(e, last, true);
  }
}

// The same orders between the first entries of two orders, from the keys kept beside them.
/** Rules 2–4 (byWait). */
export const firstWaitsLonger = (a: Order, b: Order) => (a.queuedAt - b.queuedAt || a.index - b.index || a.seq - b.seq) < 0;
/** Rule 1 (byAppointmentThenWait). */
export const firstIsDueBefore = (a: Order, b: Order) => (a.at - b.at || a.queuedAt - b.queuedAt || a.index - b.index || a.seq - b.seq) < 0;
/** Rule 5 (byAppointment). */
export const firstIsBookedBefore = (a: Order, b: Order) => (a.at - b.at || a.index - b.index || a.seq - b.seq) < 0;

export class Line {
  readonly due: Order;
  readonly early: Order;
  readonly returned: Order;
  readonly priority: Order;
  readonly normal: Order;
  size = 0;

  constructor(
    readonly service: string,
    /** The service's place in the config. */
    readonly index: number,
  ) {
    this.due = new Order(byAppointmentThenWait, index);
    this.early = new Order(byAppointment, index);
    this.returned = new Order(byWait, index);
    this.priority = new Order(byWait, index);
    this.normal = new Order(byWait, index);
  }

  add(e: Entry): void {
    if (e.kind === 'appointment') {
      this.due.add(e);
      this.early.add(e);
    } else this[e.kind].add(e);
    this.size++;
  }

  /** Every entry, appointments first, then returned, priority and normal tickets. */
  entries(): Entry[] {
    return [...this.due.entries(), ...this.returned.entries(), ...this.priority.entries(), ...this.normal.entries()];
  }

  delete(e: Entry): void {
    if (e.kind === 'appointment') {
      this.due.delete(e);
      this.early.delete(e);
    } else this[e.kind].delete(e);
    this.size--;
  }
}

/** A line a counter serves, with its weight for the line's service. */
interface Callable {
  line: Line;
  weight: number;
}

export class Lines {
  private seq = 0;
  private readonly index = new Map<string, number>();
  /** Per service: the tickets any counter serving it may call. */
  private readonly open = new Map<string, Line>();
  /** Per counter, per service: the tickets transferred to that counter. */
  private readonly targeted = new Map<string, Map<string, Line>>();
  /** Per service, all its waiting tickets (targeted ones too) by queue time: counts, lists, the oldest. */
  private readonly joined = new Map<string, Order>();
  private readonly entries = new Map<string, Entry>();
  /** Per counter, the open lines of the services it serves. */
  private readonly served = new Map<string, Callable[]>();
  private readonly weights = new Map<string, ReadonlyMap<string, number>>();

  constructor(config: Config) {
    for (const [i, s] of config.services.entries()) {
      this.index.set(s.id, i);
      this.open.set(s.id, new Line(s.id, i));
      this.joined.set(s.id, new Order(byWait, i));
    }
    for (const c of config.counters) {
      this.weights.set(c.id, new Map(c.services.map((s) => [s.service, s.weight])));
      this.served.set(
        c.id,
        c.services.flatMap((s) => {
          const line = this.open.get(s.service);
          return line ? [{ line, weight: s.weight }] : [];
        }),
      );
    }
  }

  /** The ticket joins its line (issued, or transferred). */
  add(t: Ticket): void {
    const e = this.entryOf(t, ++this.seq);
    this.entries.set(t.id, e);
    e.line.add(e);
    this.joined.get(e.line.service)!.add(e);
  }

  /** The ticket leaves its line (called, or the day ended). */
  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    e.line.delete(e);
    this.joined.get(e.line.service)!.delete(e);
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  count(service: string): number {
    return this.joined.get(service)?.size ?? 0;
  }

  /** A service's waiting tickets by the time they joined the line. */
  waiting(service: string): Ticket[] {
    return (this.joined.get(service)?.entries() ?? []).map((e) => e.ticket);
  }

  oldest(service: string): Entry | undefined {
    return this.joined.get(service)?.first;
  }

  /**
   * The lines a counter may call from: those of the services it serves, and the tickets transferred
   * to it, whatever their service.
   */
  forEachCallable(counter: string, visit: (line: Line, weight: number) => void): void {
    for (const c of this.served.get(counter) ?? []) if (c.line.size) visit(c.line, c.weight);
    const own = this.targeted.get(counter);
    if (!own) return;
    const weights = this.weights.get(counter);
    for (const line of own.values()) if (line.size) visit(line, weights?.get(line.service) ?? 0);
  }

  /**
   * A fresh entry for a ticket that is not in the lines (an estimate's "if one joined now"), newest of
   * all: the estimate puts it in its line and takes it out again.
   */
  hypothetical(t: Ticket): Entry {
    return this.entryOf(t, this.seq + 1);
  }

  private entryOf(t: Ticket, seq: number): Entry {
    return { ticket: t, line: this.lineFor(t), kind: kindOf(t), queuedAt: t.queuedAt, appointmentAt: t.appointmentAt, seq };
  }

  private lineFor(t: Ticket): Line {
    if (t.targetCounter === null) {
      const line = this.open.get(t.service);
      if (!line) throw new Error(`ticket ${t.id} waits for unknown service ${t.service}`);
      return line;
    }
    let own = this.targeted.get(t.targetCounter);
    if (!own) {
      own = new Map();
      this.targeted.set(t.targetCounter, own);
    }
    let line = own.get(t.service);
    if (!line) {
      const index = this.index.get(t.service);
      if (index === undefined) throw new Error(`ticket ${t.id} waits for unknown service ${t.service}`);
      line = new Line(t.service, index);
      own.set(t.service, line);
    }
    return line;
  }
}
