// The waiting tickets, kept in the orders the call rules need (select.ts), so that a call reads the
// first ticket of each order of the services its counter serves instead of every waiting ticket.
//
// A line holds one service's tickets that any counter serving it may call; the tickets transferred to
// one counter, or to one operator, for one service; or the tickets one counter transferred to a
// service (`Sent`: every other window serving it may call them, the sender only while no other open
// window serves it, so a transfer does not bounce back). Within a line each kind has its own order:
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

/** The five orders a call reads: a line's own, or the best of several lines' (Sent.view). */
export type OrderName = 'due' | 'early' | 'returned' | 'priority' | 'normal';
export type Orders = Readonly<Record<OrderName, Order>>;

/** The orders an entry of a kind is kept in. */
const ordersOf = (kind: Kind): readonly OrderName[] => (kind === 'appointment' ? ['due', 'early'] : [kind]);

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

export class Line implements Orders {
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
    /** For the tickets one counter transferred to the service: that counter, and the lines of the others. */
    readonly sent?: { by: string; among: Sent },
  ) {
    this.due = new Order(byAppointmentThenWait, index);
    this.early = new Order(byAppointment, index);
    this.returned = new Order(byWait, index);
    this.priority = new Order(byWait, index);
    this.normal = new Order(byWait, index);
  }

  add(e: Entry): void {
    const names = ordersOf(e.kind);
    this.sent?.among.detach(this, names);
    for (const name of names) this[name].add(e);
    this.sent?.among.attach(this, names);
    this.size++;
    if (this.sent) this.sent.among.size++;
  }

  /** Every entry, appointments first, then returned, priority and normal tickets. */
  entries(): Entry[] {
    return [...this.due.entries(), ...this.returned.entries(), ...this.priority.entries(), ...this.normal.entries()];
  }

  delete(e: Entry): void {
    const names = ordersOf(e.kind);
    this.sent?.among.detach(this, names);
    for (const name of names) this[name].delete(e);
    this.sent?.among.attach(this, names);
    this.size--;
    if (this.sent) this.sent.among.size--;
  }
}

/** An order with nothing in it, for a view that has no line with an entry of that kind. */
const NONE = new Order(byWait, 0);

/**
 * The tickets transferred to one service, a line per counter that sent them. For each order, the
 * senders' lines are kept by their first entry (a B+ tree of at most as many lines as counters), so
 * the first entry not sent by a given counter is the first or the second there: a call reads it in
 * O(1), and a ticket joining or leaving costs O(log n) more, whatever the number of senders.
 */
export class Sent {
  private readonly lines = new Map<string, Line>();
  private readonly heads: Record<OrderName, BTreeModule.default<Order, undefined>>;
  /** Tickets waiting in all its lines. */
  size = 0;

  constructor(
    readonly service: string,
    readonly index: number,
  ) {
    const by = (compare: (a: Entry, b: Entry) => number) => new BTree<Order, undefined>(undefined, (a, b) => compare(a.first!, b.first!));
    this.heads = {
      due: by(byAppointmentThenWait),
      early: by(byAppointment),
      returned: by(byWait),
      priority: by(byWait),
      normal: by(byWait),
    };
  }

  lineOf(sender: string): Line {
    let line = this.lines.get(sender);
    if (!line) {
      line = new Line(this.service, this.index, { by: sender, among: this });
      this.lines.set(sender, line);
    }
    return line;
  }

  /** Before a line's orders change: their first entries, the keys here, are about to. */
  detach(line: Line, names: readonly OrderName[]): void {
    for (const name of names) if (line[name].first) this.heads[name].delete(line[name]);
  }

  attach(line: Line, names: readonly OrderName[]): void {
    for (const name of names) if (line[name].first) this.heads[name].set(line[name], undefined);
  }

  /** For each order, the senders' order with the first entry, passing over `skip`'s own. */
  view(skip: string | null): Orders {
    const best = (name: OrderName) => {
      const heads = this.heads[name];
      const first = heads.minKey();
      if (!first || skip === null || first.first!.line.sent?.by !== skip) return first ?? NONE;
      return heads.nextHigherKey(first) ?? NONE;
    };
    return { due: best('due'), early: best('early'), returned: best('returned'), priority: best('priority'), normal: best('normal') };
  }

  /** Every entry, its senders' lines one after another. */
  entries(skip: string | null): Entry[] {
    return [...this.lines.values()].flatMap((line) => (line.sent?.by === skip ? [] : line.entries()));
  }
}

/** A service a counter serves: its open line, the tickets transferred to it, and the counter's weight for it. */
interface Callable {
  line: Line;
  sent: Sent;
  weight: number;
}

/** Who calls: a counter, and the operator signed in there (tickets transferred to them are theirs). */
export interface Caller {
  id: string;
  operator?: { username: string } | null;
}

export class Lines {
  private seq = 0;
  private readonly index = new Map<string, number>();
  /** Per service: the tickets any counter serving it may call. */
  private readonly open = new Map<string, Line>();
  /** Per service: the tickets counters transferred to it. */
  private readonly sent = new Map<string, Sent>();
  /** Per counter, per service: the tickets transferred to that counter. */
  private readonly targeted = new Map<string, Map<string, Line>>();
  /** Per operator, per service: the tickets transferred to that operator. */
  private readonly personal = new Map<string, Map<string, Line>>();
  /** Per service, all its waiting tickets (targeted ones too) by queue time: counts, lists, the oldest. */
  private readonly joined = new Map<string, Order>();
  private readonly entries = new Map<string, Entry>();
  /** Per counter, the services it serves. */
  private readonly served = new Map<string, Callable[]>();
  private readonly weights = new Map<string, ReadonlyMap<string, number>>();
  /** The counters open now (state.ts keeps it), and per service how many of them serve it. */
  private readonly opened = new Set<string>();
  private readonly openServing = new Map<string, number>();

  constructor(config: Config) {
    for (const [i, s] of config.services.entries()) {
      this.index.set(s.id, i);
      this.open.set(s.id, new Line(s.id, i));
      this.sent.set(s.id, new Sent(s.id, i));
      this.joined.set(s.id, new Order(byWait, i));
    }
    for (const c of config.counters) {
      this.weights.set(c.id, new Map(c.services.map((s) => [s.service, s.weight])));
      this.served.set(
        c.id,
        c.services.flatMap((s) => {
          const line = this.open.get(s.service);
          const sent = this.sent.get(s.service);
          return line && sent ? [{ line, sent, weight: s.weight }] : [];
        }),
      );
    }
  }

  /** A counter opened, or stopped being open (paused, closed, signed out). */
  setOpen(counter: string, open: boolean): void {
    if (this.opened.has(counter) === open) return;
    if (open) this.opened.add(counter);
    else this.opened.delete(counter);
    for (const c of this.served.get(counter) ?? []) {
      const service = c.line.service;
      this.openServing.set(service, (this.openServing.get(service) ?? 0) + (open ? 1 : -1));
    }
  }

  /** Open counters other than `counter` that serve the service. */
  otherOpen(service: string, counter: string): number {
    const all = this.openServing.get(service) ?? 0;
    return this.opened.has(counter) && this.weights.get(counter)?.has(service) ? all - 1 : all;
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
   * The orders a counter may call from, with its weight for their service: those of the services it
   * serves, the tickets other counters transferred to those services (and those it transferred itself
   * while no other open counter serves the service), and the tickets transferred to it or to the
   * operator signed in there, whatever their service.
   */
  forEachCallable(caller: Caller, visit: (orders: Orders, weight: number) => void): void {
    for (const c of this.served.get(caller.id) ?? []) {
      if (c.line.size) visit(c.line, c.weight);
      if (c.sent.size) visit(c.sent.view(this.keepsFrom(c.sent.service, caller.id)), c.weight);
    }
    this.forEachOwn(caller, (line, weight) => visit(line, weight));
  }

  /** The tickets a counter may call, as forEachCallable finds them, in no particular order. */
  callable(caller: Caller): Entry[] {
    const found: Entry[] = [];
    for (const c of this.served.get(caller.id) ?? []) {
      found.push(...c.line.entries());
      if (c.sent.size) found.push(...c.sent.entries(this.keepsFrom(c.sent.service, caller.id)));
    }
    this.forEachOwn(caller, (line) => found.push(...line.entries()));
    return found;
  }

  /** Whether a counter may call a waiting ticket now (and for which the rules are then the same). */
  mayCall(caller: Caller, t: Ticket): boolean {
    if (t.targetCounter !== null) return t.targetCounter === caller.id;
    if (t.targetOperator !== null) return t.targetOperator === caller.operator?.username;
    if (!this.weights.get(caller.id)?.has(t.service)) return false;
    return t.sentBy !== caller.id || this.keepsFrom(t.service, caller.id) === null;
  }

  /** The sender whose transfers a counter is not offered: itself, while another open counter serves the service. */
  private keepsFrom(service: string, counter: string): string | null {
    return this.otherOpen(service, counter) > 0 ? counter : null;
  }

  /** How many waiting tickets this counter alone may call: those transferred to it or to its operator. */
  directed(caller: Caller): number {
    let count = 0;
    this.forEachOwn(caller, (line) => {
      count += line.size;
    });
    return count;
  }

  private forEachOwn(caller: Caller, visit: (line: Line, weight: number) => void): void {
    const weights = this.weights.get(caller.id);
    const own = this.targeted.get(caller.id);
    if (own) for (const line of own.values()) if (line.size) visit(line, weights?.get(line.service) ?? 0);
    const operator = caller.operator?.username;
    const personal = operator === undefined ? undefined : this.personal.get(operator);
    if (personal) for (const line of personal.values()) if (line.size) visit(line, weights?.get(line.service) ?? 0);
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
    const index = this.index.get(t.service);
    if (index === undefined) throw new Error(`ticket ${t.id} waits for unknown service ${t.service}`);
    if (t.targetCounter !== null) return lineIn(this.targeted, t.targetCounter, t.service, index);
    if (t.targetOperator !== null) return lineIn(this.personal, t.targetOperator, t.service, index);
    if (t.sentBy !== null) return this.sent.get(t.service)!.lineOf(t.sentBy);
    return this.open.get(t.service)!;
  }
}

/** The line of `service` for one counter or operator, made when first needed. */
function lineIn(lines: Map<string, Map<string, Line>>, owner: string, service: string, index: number): Line {
  let own = lines.get(owner);
  if (!own) {
    own = new Map();
    lines.set(owner, own);
  }
  let line = own.get(service);
  if (!line) {
    line = new Line(service, index);
    own.set(service, line);
  }
  return line;
}
