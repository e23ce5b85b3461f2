import type { HallEvent, HallEventType } from '../events/hall-events.ts';

export { OWN_TICKET_EVENTS, parseTopic, topicName, type Topic } from '../client/live/protocol.ts';

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
