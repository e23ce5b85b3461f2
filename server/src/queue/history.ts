import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';

export interface HistoryEntry {
  ticketId: string;
  at: string;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  windowNumber: number | null;
  clerk: string | null;
  reason: string | null;
}

/**
 * A ticket's whole story, following transfers back to the first ticket: every transition with
 * when, where and by whom, and the notes the clerks left. What the next clerk reads before serving.
 */
export async function ticketHistory(db: Db, ticketId: string): Promise<{ notes: string | null; entries: HistoryEntry[] }> {
  const entries = await db.execute<HistoryEntry & Record<string, unknown>>(sql`
    with recursive chain(id, transferred_from_id) as (
      select id, transferred_from_id from tickets where id = ${ticketId}
      union all
      select t.id, t.transferred_from_id from tickets t join chain c on t.id = c.transferred_from_id
    )
    select e.ticket_id as "ticketId", to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, e.type,
      e.from_status as "fromStatus", e.to_status as "toStatus", w.number as "windowNumber", a.display_name as clerk, e.reason
    from ticket_events e
    join chain c on c.id = e.ticket_id
    left join windows w on w.id = e.window_id
    left join accounts a on a.id = e.actor_account_id
    where e.type <> 'heads_up'
    order by e.at, e.id`);
  const [row] = await db.execute<{ note: string | null }>(sql`select note from tickets where id = ${ticketId}`);
  return { notes: row?.note ?? null, entries: [...entries] };
}
