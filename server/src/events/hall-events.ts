import { sql, type SQL } from 'drizzle-orm';
import { appendHallEvent, hallEventInsertSql, type Tx } from '@campus/db';
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

/**
 * Writes an event in the caller's transaction (the outbox). It is published to Redis only after the
 * transaction commits, so nobody ever hears of a change that was rolled back.
 */
export async function appendEvent<T extends HallEventType>(tx: Tx, type: T, data: EventInput<T>): Promise<void> {
  const countFamilyOf = 'serviceId' in data && WAITING_CHANGES.has(type) ? data.serviceId : undefined;
  await appendHallEvent(tx, type, data, { countFamilyOf });
}

/**
 * `appendEvent` as a CTE of the writer's own statement, for an event that says what only that
 * statement knows: `late` gives those fields as SQL over the rows named by `from` (e.g. a new
 * ticket's number: `{ number: sql\`t.number\` }`).
 */
export function eventInsertSql<T extends HallEventType, K extends keyof EventInput<T> & string>(
  type: T,
  data: Omit<EventInput<T>, K>,
  from: SQL,
  late: Record<K, SQL>,
): SQL {
  const countFamilyOf = 'serviceId' in data && WAITING_CHANGES.has(type) ? (data.serviceId as number) : undefined;
  const pairs = Object.entries<SQL>(late).map(([key, value]) => sql`${key}::text, ${value}`);
  return hallEventInsertSql(type, data, from, sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`, { countFamilyOf });
}

type WaitingChange = { [K in HallEventType]: HallEventPayloads[K] extends FamilyWaiting ? K : never }[HallEventType];
const WAITING_CHANGES = new Set<HallEventType>(['ticket.issued', 'ticket.called', 'ticket.cancelled', 'ticket.rejoined', 'ticket.expired', 'ticket.transferred'] satisfies WaitingChange[]);

/** What a writer passes: the waiting count of the family is added by `appendEvent` itself. */
export type EventInput<T extends HallEventType> = T extends WaitingChange ? Omit<HallEventPayloads[T], keyof FamilyWaiting> : HallEventPayloads[T];
