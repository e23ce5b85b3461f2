import { appendHallEvent, type Tx } from '@campus/db';

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

/**
 * Writes an event in the caller's transaction (the outbox). It is published to Redis only after the
 * transaction commits, so nobody ever hears of a change that was rolled back.
 */
export async function appendEvent<T extends HallEventType>(tx: Tx, type: T, data: EventInput<T>): Promise<void> {
  const countFamilyOf = 'serviceId' in data && WAITING_CHANGES.has(type) ? data.serviceId : undefined;
  await appendHallEvent(tx, type, data, { countFamilyOf });
}

type WaitingChange = { [K in HallEventType]: HallEventPayloads[K] extends FamilyWaiting ? K : never }[HallEventType];
const WAITING_CHANGES = new Set<HallEventType>(['ticket.issued', 'ticket.called', 'ticket.cancelled', 'ticket.rejoined', 'ticket.expired', 'ticket.transferred'] satisfies WaitingChange[]);

/** What a writer passes: the waiting count of the family is added by `appendEvent` itself. */
export type EventInput<T extends HallEventType> = T extends WaitingChange ? Omit<HallEventPayloads[T], keyof FamilyWaiting> : HallEventPayloads[T];
