import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.ts';

/**
 * The `hall_events` outbox, written by the server and the workers alike. What an event says is the
 * writer's business (the server declares its payload types); this module only knows how a row takes
 * its place in the sequence.
 */

/**
 * Takes the event-order lock now rather than at commit, for a writer whose event must say what
 * the database holds while no other event can take a place (it is held until commit). Rarely
 * needed: an event's place, and its family count, are given at commit (migration 0010). The lock
 * is `lock_event_order()` in SQL, its id in one place.
 */
export async function lockEventOrder(tx: Tx): Promise<void> {
  await tx.execute(sql`select lock_event_order()`);
}

export interface AppendOptions {
  /** The event moves a ticket of this service into or out of the line: add its family's waiting count. */
  countFamilyOf?: number;
}

/**
 * Writes an event in the caller's transaction. It takes its place in the sequence at commit (a
 * deferred trigger, migration 0010: sequence order is commit order, and the event-order lock is
 * held only inside COMMIT), and is published to Redis only after that, so nobody ever hears of a
 * change that was rolled back.
 */
export async function appendHallEvent<P extends object>(tx: Tx, type: string, payload: P, options: AppendOptions = {}): Promise<void> {
  // The family's count is read at commit under the lock (every earlier event's transaction has
  // committed by then, so the count is exact), not here.
  await tx.execute(sql`select append_hall_event(${type}, ${JSON.stringify(payload)}::jsonb, ${options.countFamilyOf ?? null}::int)`);
}

/** Writes many events of one type in one round trip, in the order given (the closing-time expiry's batch). */
export async function appendHallEvents<P extends object>(tx: Tx, type: string, events: readonly { payload: P; countFamilyOf?: number }[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((e) => ({ p: e.payload, f: e.countFamilyOf ?? null })));
  await tx.execute(sql`select append_hall_event(${type}, x.e -> 'p', (x.e ->> 'f')::int) from jsonb_array_elements(${rows}::jsonb) with ordinality as x(e, n) order by x.n`);
}

/**
 * `appendHallEvent` as a data-modifying statement, for a writer whose event says what only its
 * own statement knows (a new ticket's number): `from` names the rows it made, `extra` is a jsonb
 * over them merged onto `payload`. Used as a CTE: `event as (${hallEventInsertSql(…)})`.
 */
export function hallEventInsertSql(type: string, payload: object, from: SQL, extra: SQL, options: AppendOptions = {}): SQL {
  return sql`insert into hall_events (type, payload, count_family_of)
    select ${type}, ${JSON.stringify(payload)}::jsonb || (${extra}), ${options.countFamilyOf ?? null}::int from ${from}`;
}
