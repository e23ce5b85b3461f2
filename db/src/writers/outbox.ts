import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { waitingInFamily } from '../queries/waiting.ts';
import { hallEvents } from '../schema/index.ts';

/**
 * The `hall_events` outbox, written by the server and the workers alike. What an event says is the
 * writer's business (the server declares its payload types); this module only knows how a row takes
 * its place in the sequence.
 */

/** Held while an event row takes its sequence number, until commit: sequence order is commit order. */
const EVENT_ORDER_LOCK = 727_020;

/** Takes the event-order lock early, when what the event says is read from the database (it is held until commit). */
export async function lockEventOrder(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
}

/** The family of a service and how many of the family's tickets wait. Same count as the board snapshot's. */
export async function familyWaitingOf(tx: Tx, serviceId: number): Promise<{ familyCode: string; familyWaiting: number }> {
  const [row] = await tx.execute<{ family_code: string; waiting: number }>(sql`
    select s.family_code, ${waitingInFamily(sql`s.family_code`)} as waiting
    from services s where s.id = ${serviceId}`);
  return { familyCode: row!.family_code, familyWaiting: row!.waiting };
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
  await lockEventOrder(tx);
  // Counted under the lock: every earlier event's transaction has committed, so the count is exact.
  const full = options.countFamilyOf === undefined ? payload : { ...payload, ...(await familyWaitingOf(tx, options.countFamilyOf)) };
  await tx.insert(hallEvents).values({ type, payload: full as Record<string, unknown> });
}
