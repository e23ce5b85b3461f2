import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';

export interface ControllerHealth {
  id: number;
  code: string;
  name: string;
  status: 'active' | 'disabled';
  doors: number;
  /** Grants (and revokes) on its doors not acknowledged yet. */
  backlog: number;
  /** The oldest of those, since when it waits. */
  oldestWaitingSince: string | null;
  /** Grants whose last command failed after every attempt (retryable by hand). */
  failures: number;
  lastAckAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastReconciledAt: string | null;
  driftLast: number;
  driftTotal: number;
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Each controller's health, counted from the grant rows of its doors. */
export async function controllersHealth(db: Db): Promise<ControllerHealth[]> {
  const rows = await db.execute<{
    id: number; code: string; name: string; status: 'active' | 'disabled'; doors: number; backlog: number; oldest: string | null;
    failures: number; last_ack_at: string | null; last_error: string | null; last_error_at: string | null;
    last_reconciled_at: string | null; drift_last: number; drift_total: string;
  }>(sql`
    select c.id, c.code, c.name, c.status,
           (select count(*)::int from doors d where d.controller_id = c.id) as doors,
           coalesce(g.backlog, 0) as backlog, g.oldest, coalesce(g.failures, 0) as failures,
           ${iso('c.last_seen_at')} as last_ack_at, c.last_error, ${iso('c.last_error_at')} as last_error_at,
           ${iso('c.last_reconciled_at')} as last_reconciled_at, c.drift_last, c.drift_total::text
      from controllers c
      left join lateral (
        select count(*) filter (where lg.status in ('pending', 'revoke_pending'))::int as backlog,
               to_char(min(lg.requested_at) filter (where lg.status in ('pending', 'revoke_pending')) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as oldest,
               count(*) filter (where lg.status = 'failed')::int as failures
          from lock_grants lg join doors d on d.id = lg.door_id where d.controller_id = c.id
      ) g on true
     order by c.code`);
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    status: r.status,
    doors: Number(r.doors),
    backlog: Number(r.backlog),
    oldestWaitingSince: r.oldest,
    failures: Number(r.failures),
    lastAckAt: r.last_ack_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    lastReconciledAt: r.last_reconciled_at,
    driftLast: Number(r.drift_last),
    driftTotal: Number(r.drift_total),
  }));
}
