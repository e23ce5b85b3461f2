import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@campus/db';

/** Finished tickets whose handling time feeds the estimate. */
const HISTORY = 20;

export interface Position {
  ahead: number;
  estimatedWaitMinutes: number;
}

/**
 * People ahead in the order call-next serves them (checked-in appointments, then priority, then
 * arrival), times the rolling median handling time of the service (the catalogue's default before
 * there is history), divided by the windows serving it that are staffed now.
 */
export async function positionOf(db: Db | Tx, ticketId: string): Promise<Position | null> {
  return (await positionsOf(db, [ticketId])).get(ticketId) ?? null;
}

/** `positionOf` for many tickets in one query (live "my ticket" pages after each change in the line). */
export async function positionsOf(db: Db | Tx, ticketIds: readonly string[]): Promise<Map<string, Position>> {
  const result = new Map<string, Position>();
  if (ticketIds.length === 0) return result;
  const rows = await db.execute<{ id: string; ahead: number; median_seconds: number | null; default_minutes: number; staffed: number; status: string }>(sql`
    with me as (select * from tickets where id in (${sql.join(ticketIds.map((id) => sql`${id}::uuid`), sql`, `)}))
    select me.id, me.status,
      (select count(*)::int from tickets t
        where t.status = 'waiting' and t.service_id = me.service_id and t.hall_date = me.hall_date and t.id <> me.id
          and (t.assigned_account_id is null or me.assigned_account_id is null or t.assigned_account_id = me.assigned_account_id)
          and ((t.channel = 'appointment', t.priority, me.queued_at) > (me.channel = 'appointment', me.priority, t.queued_at))) as ahead,
      (select percentile_cont(0.5) within group (order by extract(epoch from h.finished_at - h.started_at))
        from (select finished_at, started_at from tickets
              where service_id = me.service_id and started_at is not null and finished_at is not null
                and status in ('done', 'materials_missing', 'referred')
              order by finished_at desc limit ${HISTORY}) h) as median_seconds,
      s.handling_minutes as default_minutes,
      (select count(*)::int from window_sessions ws join service_windows sw on sw.window_id = ws.window_id
        where sw.service_id = me.service_id and ws.status = 'open') as staffed
    from me join services s on s.id = me.service_id`);
  for (const row of rows) {
    if (row.status !== 'waiting') {
      result.set(row.id, { ahead: 0, estimatedWaitMinutes: 0 });
      continue;
    }
    const perCaseMinutes = row.median_seconds !== null ? row.median_seconds / 60 : row.default_minutes;
    result.set(row.id, { ahead: row.ahead, estimatedWaitMinutes: estimateMinutes(row.ahead, perCaseMinutes, row.staffed) });
  }
  return result;
}

export function estimateMinutes(ahead: number, perCaseMinutes: number, staffedWindows: number): number {
  return Math.ceil((ahead * perCaseMinutes) / Math.max(1, staffedWindows));
}
