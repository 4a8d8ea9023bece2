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
import type { Config, CounterStatus, Ticket } from '@vikno/shared';
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

/**
 * The keys of an order's first entry, side by side in a Float64Array from the order's slot: its
 * appointment time (0 for a kind without one), its queue time, and its place in joining (0 while the
 * order is empty: places count from 1). A line's five orders have theirs one after another, at these
 * offsets, then how many tickets wait in the line and, for a service's open line, how many were
 * transferred to the service; the open lines share one array (Lines.heads). A call reads the dozens of
 * lines a counter serves there, two or three cache lines a line, where the line, its orders and their
 * boxed numbers were some ten objects spread over the heap.
 */
export const AT = 0;
export const QUEUED_AT = 1;
export const SEQ = 2;
const KEYS = 3;
export const SLOT: Readonly<Record<OrderName, number>> = { due: 0, early: KEYS, returned: 2 * KEYS, priority: 3 * KEYS, normal: 4 * KEYS };
const LINE_SIZE = 5 * KEYS;
const SENT_SIZE = LINE_SIZE + 1;
const LINE_KEYS = SENT_SIZE + 1;

/** The orders an entry of a kind is kept in. */
const ordersOf = (kind: Kind): readonly OrderName[] => (kind === 'appointment' ? ['due', 'early'] : [kind]);

/** How many entries an order moves out of its tree at a time, to the array at its front (Order.head). */
const HEAD = 32;

/**
 * Entries in one order, the first at hand with its keys (AT, QUEUED_AT, SEQ): a call compares the
 * first entries of five orders in each of dozens of lines, and reads these numbers rather than the
 * entries spread over a heap of 100,000 tickets, a likely cache miss each.
 *
 * A call takes the first entry and a ticket joins at the back, so the first entries are kept apart in
 * a short sorted array, all before those in the tree: taking the first is a shift there, where the
 * tree would walk down to its first leaf, nodes a long line has let go cold since its last call, and a
 * short line never needs the tree at all. The array is refilled from the tree when it empties.
 */
export class Order {
  /** The first entries, sorted, all before the tree's; empty only when the tree is too. */
  private head: Entry[] = [];
  private readonly tree: BTreeModule.default<Entry, undefined>;
  first: Entry | undefined;

  constructor(
    private readonly compare: (a: Entry, b: Entry) => number,
    /** Its service's place in the config. */
    readonly index: number,
    /** Where the first entry's keys are kept. */
    readonly keys: Float64Array = new Float64Array(KEYS),
    readonly slot = 0,
  ) {
    this.tree = new BTree(undefined, compare);
  }

  get size(): number {
    return this.head.length + this.tree.size;
  }

  add(e: Entry): void {
    const head = this.head;
    const last = head.at(-1);
    if (last && this.compare(e, last) < 0) {
      head.splice(this.place(e), 0, e);
      if (head.length > 2 * HEAD) this.tree.set(head.pop()!, undefined);
    } else if (!this.tree.size && head.length < 2 * HEAD) head.push(e);
    else this.tree.set(e, undefined);
    if (head[0] !== this.first) this.setFirst(head[0]);
  }

  delete(e: Entry): void {
    const head = this.head;
    const last = head.at(-1);
    if (e === head[0]) head.shift();
    else if (last && this.compare(e, last) <= 0) {
      const i = this.place(e);
      if (head[i] === e) head.splice(i, 1);
    } else this.tree.delete(e);
    if (!head.length && this.tree.size) this.refill();
    if (this.head[0] !== this.first) this.setFirst(this.head[0]);
  }

  /** The tree's first entries, moved to the empty head. */
  private refill(): void {
    const low = this.tree.minKey()!;
    this.head = this.tree.getRange(low, this.tree.maxKey()!, true, HEAD).map(([e]) => e);
    this.tree.deleteRange(low, this.head.at(-1)!, true);
  }

  /** Where `e` is, or would go, in the head: the number of head entries before it. */
  private place(e: Entry): number {
    const head = this.head;
    let lo = 0;
    let hi = head.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(head[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private setFirst(e: Entry | undefined): void {
    this.first = e;
    this.keys[this.slot + AT] = e?.appointmentAt ?? 0;
    this.keys[this.slot + QUEUED_AT] = e?.queuedAt ?? 0;
    this.keys[this.slot + SEQ] = e?.seq ?? 0;
  }

  entries(): Entry[] {
    return this.head.concat(this.tree.keysArray());
  }

  /**
   * How many entries come before `e`, which is in the order: in the tree, walks them from the nearer
   * end as its keys say (a ticket that just joined is counted from the back at once), so only for the
   * rare estimate that needs it.
   */
  countBefore(e: Entry): number {
    const head = this.head;
    const last = head.at(-1);
    if (!last || this.compare(e, last) <= 0) return this.place(e);
    const first = this.tree.minKey()!;
    const end = this.tree.maxKey()!;
    const key = (x: Entry) => x.appointmentAt ?? x.queuedAt;
    if (key(e) - key(first) <= key(end) - key(e)) return head.length + this.tree.forRange(first, e, false);
    return this.size - this.tree.forRange(e, end, true);
  }
}

export class Line implements Orders {
  readonly due: Order;
  readonly early: Order;
  readonly returned: Order;
  readonly priority: Order;
  readonly normal: Order;

  constructor(
    readonly service: string,
    /** The service's place in the config. */
    readonly index: number,
    /** For the tickets one counter transferred to the service: that counter, and the lines of the others. */
    readonly sent?: { by: string; among: Sent },
    /** Where its orders' first entries' keys are kept, from `base` on (SLOT). */
    readonly keys: Float64Array = new Float64Array(LINE_KEYS),
    readonly base = 0,
  ) {
    this.due = new Order(byAppointmentThenWait, index, keys, base + SLOT.due);
    this.early = new Order(byAppointment, index, keys, base + SLOT.early);
    this.returned = new Order(byWait, index, keys, base + SLOT.returned);
    this.priority = new Order(byWait, index, keys, base + SLOT.priority);
    this.normal = new Order(byWait, index, keys, base + SLOT.normal);
  }

  /** Tickets waiting in it. */
  get size(): number {
    return this.keys[this.base + LINE_SIZE]!;
  }

  add(e: Entry): void {
    const names = ordersOf(e.kind);
    this.sent?.among.detach(this, names);
    for (const name of names) this[name].add(e);
    this.sent?.among.attach(this, names);
    this.resize(1);
  }

  private resize(by: number): void {
    this.keys[this.base + LINE_SIZE] = this.size + by;
    this.sent?.among.resize(by);
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
    this.resize(-1);
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
  /** The keys of the last view's orders' first entries (SLOT). */
  readonly viewKeys: Float64Array = new Float64Array(LINE_KEYS);

  constructor(
    readonly service: string,
    readonly index: number,
    /** Its service's open line's keys, where its size is kept (SENT_SIZE). */
    private readonly keys: Float64Array,
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

  /** Tickets waiting in all its lines. */
  get size(): number {
    return this.keys[this.index * LINE_KEYS + SENT_SIZE]!;
  }

  resize(by: number): void {
    this.keys[this.index * LINE_KEYS + SENT_SIZE] = this.size + by;
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

  /** For each order, the senders' order with the first entry, passing over `skip`'s own; their keys in viewKeys. */
  view(skip: string | null): Orders {
    const best = (name: OrderName) => {
      const heads = this.heads[name];
      const first = heads.minKey();
      const order = !first || skip === null || first.first!.line.sent?.by !== skip ? (first ?? NONE) : (heads.nextHigherKey(first) ?? NONE);
      for (let i = 0; i < KEYS; i++) this.viewKeys[SLOT[name] + i] = order.keys[order.slot + i]!;
      return order;
    };
    return { due: best('due'), early: best('early'), returned: best('returned'), priority: best('priority'), normal: best('normal') };
  }

  /** Every entry, its senders' lines one after another. */
  entries(skip: string | null): Entry[] {
    return [...this.lines.values()].flatMap((line) => (line.sent?.by === skip ? [] : line.entries()));
  }
}

/** Who calls: a counter, and the operator signed in there (tickets transferred to them are theirs). */
export interface Caller {
  id: string;
  operator?: { username: string } | null;
}

export class Lines {
  private seq = 0;
  /** Each service's place in the config: its open line, its keys and its transfers are kept by it. */
  private readonly index = new Map<string, number>();
  /** Per service: the tickets any counter serving it may call. */
  private readonly open: Line[] = [];
  /** The keys of the open lines' orders' first entries, a line after another. */
  private readonly heads: Float64Array;
  /** Per service: the tickets counters transferred to it. */
  private readonly sent: Sent[] = [];
  /** Per counter, per service: the tickets transferred to that counter. */
  private readonly targeted = new Map<string, Map<string, Line>>();
  /** Per operator, per service: the tickets transferred to that operator. */
  private readonly personal = new Map<string, Map<string, Line>>();
  /**
   * Per service, by queue time, its waiting tickets other than those in its open line's priority and
   * normal orders (appointments, transfers): with those two, all it has waiting, for its count, list and
   * oldest. Most tickets are kept in one order, not two, and a call takes one out of one.
   */
  private readonly others = new Map<string, Order>();
  private readonly entries = new Map<string, Entry>();
  /** Per counter, the services it serves and its weight for each, in pairs: a service's place, then the weight. */
  private readonly served = new Map<string, Int32Array>();
  private readonly weights = new Map<string, ReadonlyMap<string, number>>();
  /**
   * The counters open now, and those staffed (open or paused), as state.ts keeps their status, and
   * per service how many of each serve it: asked at every issue and every call, in centres of
   * thousands of counters.
   */
  private readonly opened = new Set<string>();
  private readonly openServing = new Map<string, number>();
  private readonly staffed = new Set<string>();
  private readonly staffedServing = new Map<string, number>();

  constructor(config: Config) {
    this.heads = new Float64Array(config.services.length * LINE_KEYS);
    for (const [i, s] of config.services.entries()) {
      this.index.set(s.id, i);
      this.open.push(new Line(s.id, i, undefined, this.heads, i * LINE_KEYS));
      this.sent.push(new Sent(s.id, i, this.heads));
      this.others.set(s.id, new Order(byWait, i));
    }
    for (const c of config.counters) {
      this.weights.set(c.id, new Map(c.services.map((s) => [s.service, s.weight])));
      const served = c.services.flatMap((s) => {
        const i = this.index.get(s.service);
        return i === undefined ? [] : [i, s.weight];
      });
      this.served.set(c.id, Int32Array.from(served));
    }
  }

  private openLine(service: string): Line | undefined {
    const i = this.index.get(service);
    return i === undefined ? undefined : this.open[i];
  }

  /** A counter's status changed (it signed in or out, opened, paused, closed). */
  setStatus(counter: string, status: CounterStatus): void {
    this.follow(this.opened, this.openServing, counter, status === 'open');
    this.follow(this.staffed, this.staffedServing, counter, status !== 'closed');
  }

  private follow(counters: Set<string>, serving: Map<string, number>, counter: string, member: boolean): void {
    if (counters.has(counter) === member) return;
    if (member) counters.add(counter);
    else counters.delete(counter);
    const served = this.served.get(counter) ?? [];
    for (let i = 0; i < served.length; i += 2) {
      const service = this.open[served[i]!]!.service;
      serving.set(service, (serving.get(service) ?? 0) + (member ? 1 : -1));
    }
  }

  /** Staffed counters (open or paused) that serve the service. */
  staffedFor(service: string): number {
    return this.staffedServing.get(service) ?? 0;
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
    if (!this.inOpenOrder(e)) this.others.get(e.line.service)!.add(e);
  }

  /** The ticket leaves its line (called, or the day ended); its entry, if it was waiting. */
  remove(id: string): Entry | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    this.entries.delete(id);
    e.line.delete(e);
    if (!this.inOpenOrder(e)) this.others.get(e.line.service)!.delete(e);
    return e;
  }

  private inOpenOrder(e: Entry): boolean {
    return (e.kind === 'normal' || e.kind === 'priority') && e.line === this.open[e.line.index];
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  count(service: string): number {
    const line = this.openLine(service);
    return line ? line.priority.size + line.normal.size + this.others.get(service)!.size : 0;
  }

  /** A service's waiting tickets by the time they joined the line. */
  waiting(service: string): Ticket[] {
    const line = this.openLine(service);
    if (!line) return [];
    // Three sorted runs, which the sort merges.
    const all = [...this.others.get(service)!.entries(), ...line.priority.entries(), ...line.normal.entries()];
    return all.sort(byWait).map((e) => e.ticket);
  }

  oldest(service: string): Entry | undefined {
    const line = this.openLine(service);
    let oldest: Entry | undefined;
    for (const e of [line?.priority.first, line?.normal.first, this.others.get(service)?.first]) {
      if (e && (!oldest || byWait(e, oldest) < 0)) oldest = e;
    }
    return oldest;
  }

  /**
   * The orders a counter may call from, with the keys of their first entries (SLOT, from `base` in
   * `keys`), their service's place in the config and the counter's weight for it: those of the
   * services it serves, the tickets other counters transferred to those services (and those it
   * transferred itself while no other open counter serves the service), and the tickets transferred to
   * it or to the operator signed in there, whatever their service.
   */
  forEachCallable(caller: Caller, visit: (keys: Float64Array, base: number, index: number, weight: number, orders: Orders) => void): void {
    const heads = this.heads;
    const served = this.served.get(caller.id) ?? [];
    for (let i = 0; i < served.length; i += 2) {
      const index = served[i]!;
      const weight = served[i + 1]!;
      const base = index * LINE_KEYS;
      // The sizes beside the keys say whether to look: the line and its Sent are not read.
      if (heads[base + LINE_SIZE]) visit(heads, base, index, weight, this.open[index]!);
      if (heads[base + SENT_SIZE]) {
        const sent = this.sent[index]!;
        const view = sent.view(this.keepsFrom(sent.service, caller.id));
        visit(sent.viewKeys, 0, index, weight, view);
      }
    }
    this.forEachOwn(caller, (line, weight) => visit(line.keys, line.base, line.index, weight, line));
  }

  /** The tickets a counter may call, as forEachCallable finds them, in no particular order. */
  callable(caller: Caller): Entry[] {
    const found: Entry[] = [];
    const served = this.served.get(caller.id) ?? [];
    for (let i = 0; i < served.length; i += 2) {
      const sent = this.sent[served[i]!]!;
      found.push(...this.open[served[i]!]!.entries());
      if (sent.size) found.push(...sent.entries(this.keepsFrom(sent.service, caller.id)));
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
    if (t.sentBy !== null) return this.sent[index]!.lineOf(t.sentBy);
    return this.open[index]!;
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
