import type { HallEvent, HallEventType } from '../events/hall-events.ts';

/** A topic a client may subscribe to: the hall board, one window (its clerk), one ticket (its reader). */
export type Topic = { kind: 'board' } | { kind: 'window'; windowId: number } | { kind: 'ticket'; ticketId: string };

const WINDOW = /^window:([1-9]\d{0,8})$/;
const TICKET = /^ticket:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseTopic(name: unknown): Topic | null {
  if (name === 'board') return { kind: 'board' };
  if (typeof name !== 'string' || name.length > 64) return null;
  const window = WINDOW.exec(name);
  if (window) return { kind: 'window', windowId: Number(window[1]) };
  const ticket = TICKET.exec(name.toLowerCase());
  if (ticket) return { kind: 'ticket', ticketId: ticket[1]! };
  return null;
}

export const topicName = (topic: Topic): string =>
  topic.kind === 'board' ? 'board' : topic.kind === 'window' ? `window:${topic.windowId}` : `ticket:${topic.ticketId}`;

/** The board's copy of an event: ticket ids stay off it (a walk-in ticket's id is its key). */
export function publicEvent(event: HallEvent): { type: HallEventType; at: string; data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...(event.data as unknown as Record<string, unknown>) };
  delete data.ticketId;
  delete data.fromTicketId;
  return { type: event.type, at: event.at, data };
}

/** Fields of an event's data the topics route by; each may be absent. */
export function routing(event: HallEvent): { ticketId?: string; fromTicketId?: string; serviceId?: number; windowId?: number } {
  return event.data as unknown as { ticketId?: string; fromTicketId?: string; serviceId?: number; windowId?: number };
}

/** A ticket's own transitions, forwarded to its topic as they are. */
export const OWN_TICKET_EVENTS: ReadonlySet<HallEventType> = new Set<HallEventType>([
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.parked',
  'ticket.cancelled',
  'ticket.expired',
  'ticket.rejoined',
  'ticket.transferred',
]);
