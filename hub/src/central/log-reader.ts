// The hub's event log as the uplink reads it: a read-only connection of its own to the record's
// SQLite file (WAL lets it read beside the hub's writes), in small chunks, so sending a day's log
// to the region never holds the command loop for longer than one short query.
import type { CentralEvent } from '@vikno/shared';
import Database from 'better-sqlite3';

interface Row {
  seq: number;
  day: string;
  at: number;
  type: string;
  ticket_id: string | null;
  counter_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export class LogReader {
  private readonly db: Database.Database;
  private readonly rowsAfter;
  private readonly hashAt;
  private readonly last;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.rowsAfter = this.db.prepare<[number, number], Row>(
      'SELECT seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.hashAt = this.db.prepare<[number], string>('SELECT hash FROM events WHERE seq = ?').pluck();
    this.last = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
  }

  /** Up to `limit` rows after `seq`, in order, as the contract carries them. */
  after(seq: number, limit: number): CentralEvent[] {
    return this.rowsAfter.all(seq, limit).map((r) => ({
      seq: r.seq,
      day: r.day,
      at: r.at,
      type: r.type,
      ticketId: r.ticket_id,
      counterId: r.counter_id,
      data: r.data,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /** The hash of row `seq`, if the log has it. */
  hash(seq: number): string | undefined {
    return this.hashAt.get(seq) ?? undefined;
  }

  /** The log's last row; seq 0 for an empty log. */
  head(): { seq: number; hash: string } | undefined {
    return this.last.get();
  }

  close(): void {
    this.db.close();
  }
}
