import { sql } from 'drizzle-orm';
import { schema, waitingInFamily, type Tx } from '@campus/db';

/**
 * Typed events of the hall. Payloads carry ticket numbers, windows and counts — never names or
 * student numbers: they reach the lobby board.
 */
/** Carried by every event that moves a ticket into or out of the waiting line: the board's counts. */
export interface FamilyWaiting {
  familyCode: string;
  /** Tickets of the family waiting after this change (absolute, so a board never drifts). */
  familyWaiting: number;
}

export interface HallEventPayloads {
  'ticket.issued': { ticketId: string; number: string; serviceId: number; priority: boolean } & FamilyWaiting;
  'ticket.called': { ticketId: string; number: string; serviceId: number; windowId: number; windowNumber: number } & FamilyWaiting;
  'ticket.recalled': { ticketId: string; number: string; windowId: number; windowNumber: number; recallCount: number };
  'ticket.started': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.finished': { ticketId: string; number: string; windowId: number; windowNumber: number; outcome: string };
  'ticket.no_show': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.cancelled': { ticketId: string; number: string; serviceId: number } & FamilyWaiting;
  'ticket.rejoined': { ticketId: string; number: string; serviceId: number } & FamilyWaiting;
  /** Written by the workers' expiry job (jobs/src/expire-tickets.ts). */
  'ticket.expired': { ticketId: string; number: string; serviceId: number } & FamilyWaiting;
  'ticket.parked': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.transferred': { ticketId: string; fromTicketId: string; number: string; serviceId: number } & FamilyWaiting;
  'window.opened': { windowId: number; windowNumber: number };
  'window.paused': { windowId: number; windowNumber: number };
  'window.closed': { windowId: number; windowNumber: number };
  /** The lobby notices not yet ended, whole (a board replaces its list). */
  'notices.changed': { notices: BoardNotice[] };
}

export interface BoardNotice {
  id: number;
  textZh: string;
  textEn: string | null;
  startsAt: string;
  endsAt: string | null;
}

export type HallEventType = keyof HallEventPayloads;
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
