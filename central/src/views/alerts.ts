// A centre's integrity alerts as its page shows them (open and cleared, with who cleared each, when
// and why), and clearing one. Clearing a chain_broken or cursor_backwards releases the site: its
// ingest reads the site again at its next batch and takes the row the alert names as sent
// (ingest/record.ts, `accepted`).
import { ALERT_HISTORY, type AlertRecord } from '@vikno/shared';
import type { Pool } from 'pg';
import type { User } from '../users/users.js';

interface AlertRow {
  id: string;
  kind: string;
  seq: string | null;
  detail: string;
  raised_at: Date;
  cleared_at: Date | null;
  cleared_by: string | null;
  cleared_by_name: string | null;
  clear_note: string | null;
}

const COLUMNS = 'id, kind, seq, detail, raised_at, cleared_at, cleared_by, cleared_by_name, clear_note';

function recordOf(r: AlertRow): AlertRecord {
  return {
    id: Number(r.id),
    kind: r.kind,
    seq: r.seq === null ? null : Number(r.seq),
    detail: r.detail,
    raisedAt: r.raised_at.getTime(),
    // Alerts cleared by hand in SQL before the pages could do it name no one.
    cleared: r.cleared_at ? { at: r.cleared_at.getTime(), by: r.cleared_by ?? '', byName: r.cleared_by_name, note: r.clear_note } : null,
  };
}

export async function alertHistory(pool: Pool, site: string): Promise<AlertRecord[]> {
  const { rows } = await pool.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE site_id = $1 ORDER BY raised_at DESC, id DESC LIMIT $2`,
    [site, ALERT_HISTORY],
  );
  return rows.map(recordOf);
}

/** The alert as cleared now; 'missing' when the site has no such alert, 'cleared' when someone cleared it already. */
export async function clearAlert(
  pool: Pool,
  a: { site: string; id: number; user: User; note: string; at: number },
): Promise<AlertRecord | 'missing' | 'cleared'> {
  const { rows } = await pool.query<AlertRow>(
    `UPDATE alerts SET cleared_at = $5, cleared_by = $3, cleared_by_name = $4, clear_note = $6
     WHERE site_id = $1 AND id = $2 AND cleared_at IS NULL RETURNING ${COLUMNS}`,
    [a.site, a.id, a.user.username, a.user.name, new Date(a.at), a.note.trim()],
  );
  if (rows[0]) return recordOf(rows[0]);
  const { rowCount } = await pool.query('SELECT 1 FROM alerts WHERE site_id = $1 AND id = $2', [a.site, a.id]);
  return rowCount ? 'cleared' : 'missing';
}
