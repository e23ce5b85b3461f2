import { sql } from 'drizzle-orm';
import { schema, waitingInFamily, type Tx } from '@campus/db';
import type { FamilyWaiting, HallEventPayloads, HallEventType } from '../client/live/protocol.ts';

/**
 * Typed events of the hall: their payloads are declared with the live protocol
 * (client/live/protocol.ts), which the UIs share. Payloads carry ticket numbers, windows and
 * counts — never names or student numbers: they reach the lobby board.
 */
export type { BoardNotice, FamilyWaiting, HallEventPayloads, HallEventType } from '../client/live/protocol.ts';

export interface HallEvent<T extends HallEventType = HallEventType> {
  seq: number;
  type: T;
  at: string;
  data: HallEventPayloads[T];
}

/** Held while an event row takes its sequence number, until commit: sequence order is commit order. */
const EVENT_ORDER_LOCK = 727_020;

/** Takes the event-order lock early, when what the event says is read from the database (it is held until commit). */
export async function lockEventOrder(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
}

/**
 * Writes an event in the caller's transaction (the outbox). It is published to Redis only after the
 * transaction commits, so nobody ever hears of a change that was rolled back.
 */
export async function appendEvent<T extends HallEventType>(tx: Tx, type: T, data: EventInput<T>): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  // Counted under the lock: every earlier event's transaction has committed, so the count is exact.
  const payload = 'serviceId' in data && WAITING_CHANGES.has(type) ? { ...data, ...(await familyWaitingOf(tx, data.serviceId)) } : data;
  await tx.insert(schema.hallEvents).values({ type, payload: payload as unknown as Record<string, unknown> });
}

type WaitingChange = { [K in HallEventType]: HallEventPayloads[K] extends FamilyWaiting ? K : never }[HallEventType];
const WAITING_CHANGES = new Set<HallEventType>(['ticket.issued', 'ticket.called', 'ticket.cancelled', 'ticket.rejoined', 'ticket.expired', 'ticket.transferred'] satisfies WaitingChange[]);

/** What a writer passes: the waiting count of the family is added by `appendEvent` itself. */
export type EventInput<T extends HallEventType> = T extends WaitingChange ? Omit<HallEventPayloads[T], keyof FamilyWaiting> : HallEventPayloads[T];

/** The family of a service and how many of the family's tickets wait. Same count as the board snapshot's. */
export async function familyWaitingOf(tx: Tx, serviceId: number): Promise<FamilyWaiting> {
  const [row] = await tx.execute<{ family_code: string; waiting: number }>(sql`
    select s.family_code, ${waitingInFamily(sql`s.family_code`)} as waiting
    from services s where s.id = ${serviceId}`);
  return { familyCode: row!.family_code, familyWaiting: row!.waiting };
}
