import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { ticketEvents } from '../schema/index.ts';

/** One recorded change of a ticket: its history, and what the statistics will count. */
export type TicketTransition = typeof ticketEvents.$inferInsert;

/** Records ticket transitions in the caller's transaction, so the history commits with the change. */
export async function recordTicketEvents(tx: Tx, events: TicketTransition | TicketTransition[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  // Chunked: a statement takes at most 65,535 parameters.
  for (let i = 0; i < list.length; i += CHUNK) await tx.insert(ticketEvents).values(list.slice(i, i + CHUNK));
}

const CHUNK = 1000;

/**
 * `recordTicketEvents` of one transition as a data-modifying statement, for a writer whose ticket
 * exists only inside its own statement (a new ticket): `from` names the rows the statement made,
 * `ticketId` is SQL over them. Used as a CTE: `history as (${ticketEventInsertSql(…)})`.
 */
export function ticketEventInsertSql(
  event: Pick<TicketTransition, 'type' | 'toStatus'> & { actorAccountId: number | null; deviceId: number | null; at: Date },
  from: SQL,
  ticketId: SQL,
): SQL {
  return sql`insert into ticket_events (ticket_id, type, to_status, actor_account_id, device_id, at)
    select ${ticketId}, ${event.type}::text, ${event.toStatus}::ticket_status, ${event.actorAccountId}::int, ${event.deviceId}::int, ${event.at.toISOString()}::timestamptz from ${from}`;
}
