import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Appointment, DomainEvent, Ticket } from '@vikno/shared';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';
import { migrate, openDatabase, Store } from './store.js';
import { issued, schemaDump, tempDbFile, ticket, userVersion, withStatus } from './test-fixtures.js';
import type { Fdatasync } from './wal-sync.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function freshFile(): string {
  const f = tempDbFile();
  cleanups.push(f.remove);
  return f.file;
}

function open(file = freshFile()): Database.Database {
  const db = openDatabase(file);
  cleanups.push(() => db.open && db.close());
  return db;
}

function store(file = freshFile()): { store: Store; file: string } {
  const s = new Store(file);
  cleanups.push(() => s.close());
  return { store: s, file };
}

/** A second connection on the same file, to see what was really committed. */
function peek(file: string): Database.Database {
  return open(file);
}

const LAST = migrations.at(-1)!.version;

const called = (t: Ticket, at = t.issuedAt + 60_000): DomainEvent => ({
  type: 'ticket.called',
  at,
  day: t.day,
  ticketId: t.id,
  counter: 'w1',
  operator: 'olena',
  rule: 'normal',
});

const reply = (id: string, day = '2026-03-02', device = 'kiosk-1') => ({
  device,
  id,
  day,
  at: Date.parse(`${day}T09:00:00Z`),
  body: `{"id":"${id}"}`,
});

describe('migrate', () => {
  it('applies every migration to a new file, in order, and reports the last version', () => {
    const db = open();
    expect(userVersion(db)).toBe(0);
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: LAST }, (_, i) => i + 1));
    expect(migrate(db)).toBe(LAST);
    expect(userVersion(db)).toBe(LAST);
  });

  it('is idempotent: a second run changes nothing and leaves user_version at the last', () => {
    const db = open();
    migrate(db);
    const t = ticket('2026-03-02', 1);
    db.prepare("INSERT INTO events (day, at, type, ticket_id, data) VALUES (?, ?, 'ticket.issued', ?, ?)").run(
      t.day,
      t.issuedAt,
      t.id,
      JSON.stringify(issued(t)),
    );
    const schema = schemaDump(db);
    const events = db.prepare('SELECT * FROM events').all();

    expect(migrate(db)).toBe(LAST);
    expect(migrate(db, migrations)).toBe(LAST);
    expect(userVersion(db)).toBe(LAST);
    expect(schemaDump(db)).toEqual(schema);
    expect(db.prepare('SELECT * FROM events').all()).toEqual(events);
  });

  it('runs only the migrations newer than the file', () => {
    const db = open();
    const ran: number[] = [];
    const spy = (version: number): Migration => ({ version, name: `m${version}`, up: () => void ran.push(version) });
    expect(migrate(db, [spy(1), spy(2)])).toBe(2);
    expect(migrate(db, [spy(1), spy(2), spy(3)])).toBe(3);
    expect(migrate(db, [spy(1), spy(2), spy(3)])).toBe(3);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('rolls a failing migration back whole and keeps the version before it', () => {
    const db = open();
    const broken: Migration = {
      version: LAST + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(LAST);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });
});

describe('openDatabase', () => {
  it('opens the file in WAL mode with synchronous NORMAL (the store syncs each commit itself), foreign keys and a busy timeout', () => {
    const file = freshFile();
    const db = open(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    migrate(db);
    expect(existsSync(`${file}-wal`)).toBe(true);
  });

  it('keeps WAL mode for the next connection to the file', () => {
    const file = freshFile();
    open(file).close();
    const raw = new Database(file);
    cleanups.push(() => raw.close());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('Store', () => {
  it('commits events, ticket rows and the reply together', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commit({ events: [issued(a, 'tok-a')], tickets: [a], reply: reply('c-1') });

    const db = peek(file);
    expect(db.prepare('SELECT type, ticket_id FROM events').all()).toEqual([{ type: 'ticket.issued', ticket_id: a.id }]);
    expect(db.prepare('SELECT id, day, number, status, token FROM tickets').all()).toEqual([
      { id: a.id, day: a.day, number: a.number, status: 'waiting', token: 'tok-a' },
    ]);
    expect(s.reply('kiosk-1', 'c-1')).toBe('{"id":"c-1"}');
  });

  it('writes nothing when the ticket rows fail: no event, no ticket, no reply', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commit({ events: [issued(a)], tickets: [a], reply: reply('c-1') });

    // b was never issued: the ticket upsert throws after the events were inserted.
    const b = ticket('2026-03-02', 2);
    expect(() =>
      s.commit({
        events: [{ type: 'counter.opened', at: b.issuedAt, day: b.day, counter: 'w1' }, called(b)],
        tickets: [withStatus(b, 'called')],
        reply: reply('c-2'),
      }),
    ).toThrow(`ticket ${b.id} has no issue event`);

    expect(s.eventsOfDay('2026-03-02').map((e) => e.type)).toEqual(['ticket.issued']);
    expect(s.reply('kiosk-1', 'c-2')).toBeUndefined();
    const db = peek(file);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([a.id]);
    expect(db.prepare('SELECT count(*) FROM command_replies').pluck().get()).toBe(1);
  });

  it('writes nothing when the reply fails at the end of the transaction', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commit({ events: [issued(a)], tickets: [a], reply: reply('c-1') });

    const b = ticket('2026-03-02', 2);
    expect(() => s.commit({ events: [issued(b)], tickets: [b], reply: { ...reply('c-1'), body: 'second' } })).toThrow(
      'command c-1 of kiosk-1 was already answered',
    );

    const db = peek(file);
    expect(db.prepare('SELECT ticket_id FROM events').pluck().all()).toEqual([a.id]);
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([a.id]);
    expect(s.reply('kiosk-1', 'c-1')).toBe('{"id":"c-1"}');
  });

  it('updates a ticket row in a later commit, keeping the token of its issue', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commit({ events: [issued(a, 'tok-a')], tickets: [a] });
    const done = withStatus(a, 'finished');
    s.commit({ events: [called(a)], tickets: [done] });

    const row = peek(file)
      .prepare<[], { status: string; token: string; finished_at: number; counter_id: string; data: string }>(
        'SELECT status, token, finished_at, counter_id, data FROM tickets',
      )
      .get();
    expect(row).toMatchObject({ status: 'finished', token: 'tok-a', finished_at: done.finishedAt, counter_id: 'w1' });
    expect(JSON.parse(row!.data)).toEqual(done);
  });

  it('writes each ticket of a batch once, as its last command left it, with the token of its issue', async () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    const b = ticket('2026-03-02', 2);
    s.commit({ events: [issued(a, 'tok-a')], tickets: [a] });
    // Every write that reaches the tickets table, whichever connection makes it.
    const db = peek(file);
    db.exec(`CREATE TABLE ticket_writes (id TEXT);
      CREATE TRIGGER ticket_inserted AFTER INSERT ON tickets BEGIN INSERT INTO ticket_writes VALUES (new.id); END;
      CREATE TRIGGER ticket_updated AFTER UPDATE ON tickets BEGIN INSERT INTO ticket_writes VALUES (new.id); END;`);
    await s.commitAll([
      { events: [called(a)], tickets: [withStatus(a, 'called')], reply: reply('c-1') },
      { events: [issued(b, 'tok-b')], tickets: [b], reply: reply('c-2') },
      { events: [], tickets: [withStatus(a, 'serving')], reply: reply('c-3') },
      { events: [called(b)], tickets: [withStatus(b, 'called')], reply: reply('c-4') },
      { events: [], tickets: [withStatus(a, 'finished')], reply: reply('c-5') },
    ]);
    expect(
      db
        .prepare<[], { id: string; status: string; token: string; data: string }>('SELECT id, status, token, data FROM tickets ORDER BY id')
        .all(),
    ).toEqual([
      { id: a.id, status: 'finished', token: 'tok-a', data: JSON.stringify(withStatus(a, 'finished')) },
      { id: b.id, status: 'called', token: 'tok-b', data: JSON.stringify(withStatus(b, 'called')) },
    ]);
    expect(db.prepare('SELECT id FROM ticket_writes ORDER BY id').pluck().all()).toEqual([a.id, b.id]);
    expect(s.eventsOfDay('2026-03-02').map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.issued', 'ticket.called']);
    expect(s.reply('kiosk-1', 'c-5')).toBe('{"id":"c-5"}');
  });

  it('returns the stored reply, and nothing for an unknown device or id', () => {
    const { store: s } = store();
    s.commit({ events: [], tickets: [], reply: reply('c-1') });
    s.commit({ events: [], tickets: [], reply: { ...reply('c-1', '2026-03-02', 'kiosk-2'), body: 'other' } });
    expect(s.reply('kiosk-1', 'c-1')).toBe('{"id":"c-1"}');
    expect(s.reply('kiosk-2', 'c-1')).toBe('other');
    expect(s.reply('kiosk-1', 'c-9')).toBeUndefined();
    expect(s.reply('kiosk-3', 'c-1')).toBeUndefined();
  });

  it('keeps replies and events across a restart (a new Store on the same file)', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commit({ events: [issued(a)], tickets: [a], reply: reply('c-1') });
    s.close();
    cleanups.pop();
    const again = new Store(file);
    cleanups.push(() => again.close());
    expect(again.reply('kiosk-1', 'c-1')).toBe('{"id":"c-1"}');
    expect(again.eventsOfDay('2026-03-02')).toEqual([issued(a)]);
    expect(userVersion(peek(file))).toBe(LAST);
  });

  it('returns the events of one day in the order they were committed', () => {
    const { store: s } = store();
    const a = ticket('2026-03-02', 1);
    const b = ticket('2026-03-02', 2);
    const other = ticket('2026-03-03', 1);
    const first: DomainEvent[] = [issued(a), issued(b)];
    // Deliberately earlier `at` than the events before it: the order is the commit order, not the clock.
    const second: DomainEvent[] = [{ ...called(b), at: a.issuedAt - 5000 }];
    const third: DomainEvent[] = [{ type: 'ticket.started', at: b.issuedAt + 1, day: b.day, ticketId: b.id, counter: 'w1' }];
    s.commit({ events: first, tickets: [a, b] });
    s.commit({ events: [issued(other)], tickets: [other] });
    s.commit({ events: second, tickets: [withStatus(b, 'called')] });
    s.commit({ events: third, tickets: [withStatus(b, 'serving')] });

    expect(s.eventsOfDay('2026-03-02')).toEqual([...first, ...second, ...third]);
    expect(s.eventsOfDay('2026-03-03')).toEqual([issued(other)]);
    expect(s.eventsOfDay('2026-03-04')).toEqual([]);
  });

  it('finds only earlier days that still have open tickets', () => {
    const { store: s } = store();
    const put = (t: Ticket) => s.commit({ events: [issued(t)], tickets: [t] });
    put(ticket('2026-03-01', 1)); // waiting
    put(withStatus(ticket('2026-03-02', 1), 'finished'));
    put(withStatus(ticket('2026-03-02', 2), 'no_show'));
    put(withStatus(ticket('2026-03-02', 3), 'expired'));
    put(withStatus(ticket('2026-03-03', 1), 'parked'));
    put(withStatus(ticket('2026-03-04', 1), 'called'));
    put(withStatus(ticket('2026-03-04', 2), 'serving'));
    put(ticket('2026-03-05', 1)); // today
    put(ticket('2026-03-06', 1)); // later

    expect(s.unfinishedDaysBefore('2026-03-05')).toEqual(['2026-03-01', '2026-03-03', '2026-03-04']);
    expect(s.unfinishedDaysBefore('2026-03-01')).toEqual([]);
    expect(s.unfinishedDaysBefore('2026-03-02')).toEqual(['2026-03-01']);

    // Closing the first day's ticket removes that day.
    const first = ticket('2026-03-01', 1);
    s.commit({
      events: [{ type: 'ticket.expired', at: first.issuedAt + 1, day: first.day, ticketId: first.id }],
      tickets: [withStatus(first, 'expired')],
    });
    expect(s.unfinishedDaysBefore('2026-03-05')).toEqual(['2026-03-03', '2026-03-04']);
  });

  it('forgets the replies of earlier days only', () => {
    const { store: s } = store();
    s.commit({ events: [], tickets: [], reply: reply('c-1', '2026-03-01') });
    s.commit({ events: [], tickets: [], reply: reply('c-2', '2026-03-02') });
    s.commit({ events: [], tickets: [], reply: reply('c-3', '2026-03-03') });
    s.forgetRepliesBefore('2026-03-02');
    expect(s.reply('kiosk-1', 'c-1')).toBeUndefined();
    expect(s.reply('kiosk-1', 'c-2')).toBe('{"id":"c-2"}');
    expect(s.reply('kiosk-1', 'c-3')).toBe('{"id":"c-3"}');
    // A forgotten id is free again, and a new Store on the file knows only the kept ones.
    s.commit({ events: [], tickets: [], reply: { ...reply('c-1', '2026-03-03'), body: 'again' } });
    expect(s.reply('kiosk-1', 'c-1')).toBe('again');
  });

  it('refuses the same command twice in one group, and writes none of the group', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    expect(() =>
      s.commitAll([
        { events: [issued(a)], tickets: [a], reply: reply('c-1') },
        { events: [], tickets: [], reply: { ...reply('c-1'), body: 'second' } },
      ]),
    ).toThrow('command c-1 of kiosk-1 was already answered');
    expect(peek(file).prepare('SELECT count(*) FROM command_replies').pluck().get()).toBe(0);
    expect(s.reply('kiosk-1', 'c-1')).toBeUndefined();
  });

  it('stores appointments and checks one in when its ticket is issued', () => {
    const { store: s } = store();
    const booked: Appointment = {
      id: 'ap-1',
      code: 'ABC123',
      service: 'passport',
      at: Date.parse('2026-03-02T09:00:00Z'),
      status: 'booked',
      ticketId: null,
    };
    s.commit({ events: [], tickets: [], appointments: [booked] });
    expect(s.appointmentByCode('ABC123')).toEqual(booked);
    expect(s.appointmentByCode('NOPE00')).toBeUndefined();

    const a = ticket('2026-03-02', 1, { appointmentId: 'ap-1', appointmentAt: booked.at, channel: 'appointment' });
    s.commit({ events: [issued(a)], tickets: [a] });
    expect(s.appointmentByCode('ABC123')).toEqual({ ...booked, status: 'checked_in', ticketId: a.id });
  });

  it('commits several commands in one transaction, in order: a later one may use a ticket an earlier one issued', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    s.commitAll([
      { events: [issued(a, 'tok-a')], tickets: [a], reply: reply('c-1') },
      { events: [called(a)], tickets: [withStatus(a, 'called')], reply: reply('c-2') },
      { events: [], tickets: [], reply: reply('c-3') },
    ]);

    expect(s.eventsOfDay('2026-03-02').map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called']);
    const db = peek(file);
    expect(db.prepare('SELECT status, token FROM tickets').all()).toEqual([{ status: 'called', token: 'tok-a' }]);
    expect(['c-1', 'c-2', 'c-3'].map((id) => s.reply('kiosk-1', id))).toEqual(['{"id":"c-1"}', '{"id":"c-2"}', '{"id":"c-3"}']);
  });

  it('writes none of a group when one of its commands fails', () => {
    const { store: s, file } = store();
    const a = ticket('2026-03-02', 1);
    const b = ticket('2026-03-02', 2);
    expect(() =>
      s.commitAll([
        { events: [issued(a)], tickets: [a], reply: reply('c-1') },
        // b was never issued.
        { events: [called(b)], tickets: [withStatus(b, 'called')], reply: reply('c-2') },
      ]),
    ).toThrow(`ticket ${b.id} has no issue event`);

    const db = peek(file);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(0);
    expect(s.reply('kiosk-1', 'c-1')).toBeUndefined();
    // The store goes on: the next group is written.
    s.commitAll([{ events: [issued(a)], tickets: [a], reply: reply('c-1') }]);
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([a.id]);
  });
});

describe('Store: durable before acknowledged', () => {
  /** A store whose fdatasync the test lets return; each call records how many rows a second connection saw then. */
  function heldStore({ closedByTest = false } = {}) {
    const file = freshFile();
    const calls: { rowsAtCall: number; finish: (error?: Error) => void }[] = [];
    const fdatasync: Fdatasync = (_fd, done) => {
      calls.push({ rowsAtCall: rows(file), finish: (error) => done(error ? Object.assign(error, { code: 'EIO' }) : null) });
    };
    const s = new Store(file, { fdatasync });
    if (!closedByTest) cleanups.push(() => s.close());
    return { s, file, calls };
  }
  const rows = (file: string) => peek(file).prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  const settled = async (p: Promise<void>) => {
    let state = 'pending';
    p.then(
      () => (state = 'resolved'),
      () => (state = 'rejected'),
    );
    await new Promise((r) => setImmediate(r));
    return state;
  };
  const issue = (s: Store, n: number) => {
    const t = ticket('2026-03-03', n);
    return s.commitAll([{ events: [issued(t)], tickets: [t], reply: reply(`c-${n}`, t.day) }]);
  };

  it('writes a group at once, and resolves it only after a sync of the log called once it was written', async () => {
    const { s, file, calls } = heldStore();
    const first = issue(s, 1);
    expect(rows(file)).toBe(1);
    expect(calls.map((c) => c.rowsAtCall)).toEqual([1]);
    expect(await settled(first)).toBe('pending');
    calls[0]!.finish();
    expect(await settled(first)).toBe('resolved');
  });

  it('lets the groups written while a sync runs share the next one', async () => {
    const { s, calls } = heldStore();
    const first = issue(s, 1);
    const second = issue(s, 2);
    const third = issue(s, 3);
    // The second and third were written after the first sync began: it may not cover them.
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    expect(calls.map((c) => c.rowsAtCall)).toEqual([1, 3]);
    calls[1]!.finish();
    expect([await settled(second), await settled(third)]).toEqual(['resolved', 'resolved']);
  });

  it('rejects the groups a failed sync covered, and confirms the next ones with the next sync', async () => {
    const { s, calls } = heldStore();
    const first = issue(s, 1);
    const second = issue(s, 2);
    calls[0]!.finish(new Error('EIO: i/o error, fdatasync'));
    await expect(first).rejects.toThrow('EIO');
    calls[1]!.finish();
    expect(await settled(second)).toBe('resolved');
  });

  it('syncs what still waits when closed, before its file descriptor goes', async () => {
    const { s, calls } = heldStore({ closedByTest: true });
    const first = issue(s, 1);
    const second = issue(s, 2);
    s.close();
    calls[0]!.finish();
    expect([await settled(first), await settled(second)]).toEqual(['resolved', 'resolved']);
    // The second went through the closing sync (synchronous, on the real file), not a third call.
    expect(calls).toHaveLength(1);
  });

  it('resolves through the real fdatasync of the log', async () => {
    const { store: s, file } = store();
    await issue(s, 1);
    s.commit({ events: [], tickets: [], reply: reply('c-2', '2026-03-03') });
    expect(rows(file)).toBe(1);
    expect(s.reply('kiosk-1', 'c-2')).toBe('{"id":"c-2"}');
  });
});

describe('Store with a background checkpoint', () => {
  /** Commits tickets enough for a few hundred WAL pages: far below both automatic checkpoints. */
  function fill(s: Store, n: number): void {
    const day = '2026-03-03';
    for (let i = 1; i <= n; i++) {
      const t = ticket(day, i);
      s.commit({ events: [issued(t)], tickets: [t] });
    }
  }
  const fileSize = (file: string) => statSync(file).size;
  async function grows(file: string, from: number, withinMs: number): Promise<boolean> {
    for (const end = Date.now() + withinMs; Date.now() < end; ) {
      if (fileSize(file) > from) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return fileSize(file) > from;
  }

  it('copies committed pages into the database file from its own thread, with no commit doing it', async () => {
    const file = freshFile();
    const errors: Error[] = [];
    const s = new Store(file, { checkpointInBackground: (e) => errors.push(e) });
    cleanups.push(() => s.close());
    const before = fileSize(file);
    fill(s, 100);
    expect(await grows(file, before, 3000)).toBe(true);
    expect(errors).toEqual([]);
    // Nothing was lost on the way: a second connection reads every row.
    expect(peek(file).prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(100);
  });

  it('leaves the whole record in the database file once closed, the WAL emptied', () => {
    const file = freshFile();
    const s = new Store(file, { checkpointInBackground: () => {} });
    fill(s, 20);
    s.close();
    const wal = `${file}-wal`;
    expect(!existsSync(wal) || fileSize(wal) === 0).toBe(true);
    // A backup copies the file alone: read from a copy, without the WAL beside it.
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    cleanups.push(() => rmSync(copy, { force: true }));
    expect(peek(copy).prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(20);
  });

  it('is done with the file once closed: its thread, closed while starting, never opens it again', async () => {
    // The thread opens the database a few tens of milliseconds after it is made. Had it done so after
    // the hub closed, it would make the file anew once it was moved away, or its folder removed.
    const file = freshFile();
    const s = new Store(file, { checkpointInBackground: () => {} });
    s.close();
    rmSync(file);
    const seen = new Set<string>();
    for (const end = Date.now() + 500; Date.now() < end; ) {
      for (const name of readdirSync(dirname(file))) seen.add(name);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect([...seen]).toEqual([]);
  });

  it('leaves the pages in the WAL without it, until SQLite checkpoints in a commit', async () => {
    const { store: s, file } = store();
    const before = fileSize(file);
    fill(s, 100);
    expect(await grows(file, before, 500)).toBe(false);
  });
});
