/**
 * Every status a queue ticket can be in, in one list: the database enum, the server's state machine
 * and schemas, the live protocol and the UIs all read it. Dependency-free so a browser bundle can
 * import it (`@campus/db/ticket-status`).
 */
export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'parked',
  'done',
  'materials_missing',
  'referred',
  'no_show',
  'cancelled',
  'transferred',
  'expired',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const isTicketStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);
