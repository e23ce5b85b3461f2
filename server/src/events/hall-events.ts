import { sql } from 'drizzle-orm';
import { schema, type Tx } from '@campus/db';

/**
 * Typed events of the hall. Payloads carry ticket numbers, windows and counts — never names or
 * student numbers: they reach the lobby board.
 */
export interface HallEventPayloads {
  'ticket.issued': { ticketId: string; number: string; serviceId: number; familyCode: string; priority: boolean };
  'ticket.called': { ticketId: string; number: string; serviceId: number; windowId: number; windowNumber: number };
  'ticket.recalled': { ticketId: string; number: string; windowId: number; windowNumber: number; recallCount: number };
  'ticket.started': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.finished': { ticketId: string; number: string; windowId: number; windowNumber: number; outcome: string };
  'ticket.no_show': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.cancelled': { ticketId: string; number: string; serviceId: number };
  'ticket.rejoined': { ticketId: string; number: string; serviceId: number };
  /** Written by the workers' expiry job (jobs/src/expire-tickets.ts). */
  'ticket.expired': { ticketId: string; number: string; serviceId: number };
  'ticket.parked': { ticketId: string; number: string; windowId: number; windowNumber: number };
  'ticket.transferred': { ticketId: string; fromTicketId: string; number: string; serviceId: number };
  'window.opened': { windowId: number; windowNumber: number };
  'window.paused': { windowId: number; windowNumber: number };
  'window.closed': { windowId: number; windowNumber: number };
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

/**
 * Writes an event in the caller's transaction (the outbox). It is published to Redis only after the
 * transaction commits, so nobody ever hears of a change that was rolled back.
 */
export async function appendEvent<T extends HallEventType>(tx: Tx, type: T, data: HallEventPayloads[T]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  await tx.insert(schema.hallEvents).values({ type, payload: data as unknown as Record<string, unknown> });
}
