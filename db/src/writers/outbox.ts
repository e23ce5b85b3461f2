import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';

/**
 * The `hall_events` outbox, written by the server and the workers alike. What an event says is the
 * writer's business (the server declares its payload types); this module only knows how a row takes
 * its place in the sequence.
 */

/**
 * Takes the event-order lock early, when what the event says is read from the database (it is
 * held until commit: sequence order is commit order). The lock is `lock_event_order()` in SQL
 * (migration 0008), its id in one place.
 */
export async function lockEventOrder(tx: Tx): Promise<void> {
  await tx.execute(sql`select lock_event_order()`);
}

export interface AppendOptions {
  /** The event moves a ticket of this service into or out of the line: add its family's waiting count. */
  countFamilyOf?: number;
}

/**
 * Writes an event in the caller's transaction. It is published to Redis only after the transaction
 * commits, so nobody ever hears of a change that was rolled back.
 */
export async function appendHallEvent<P extends object>(tx: Tx, type: string, payload: P, options: AppendOptions = {}): Promise<void> {
  // One round trip (append_hall_event, migration 0008): the lock, then the family's count read
  // under it — every earlier event's transaction has committed, so the count is exact — then the row.
  await tx.execute(sql`select append_hall_event(${type}, ${JSON.stringify(payload)}::jsonb, ${options.countFamilyOf ?? null}::int)`);
}

/**
 * Writes many events of one type in one round trip, in the order given: the lock is taken once,
 * and each event's family count is read in its own snapshot, as `appendHallEvent` does. For a
 * batch (the closing-time expiry) that would otherwise hold the lock for a round trip per event.
 */
export async function appendHallEvents<P extends object>(tx: Tx, type: string, events: readonly { payload: P; countFamilyOf?: number }[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((e) => ({ p: e.payload, f: e.countFamilyOf ?? null })));
  await tx.execute(sql`select append_hall_event(${type}, x.e -> 'p', (x.e ->> 'f')::int) from jsonb_array_elements(${rows}::jsonb) with ordinality as x(e, n) order by x.n`);
}
