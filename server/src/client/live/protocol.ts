/**
 * The `/ws` live-updates protocol (docs/live-updates.md) as TypeBox schemas, owned by the server
 * that speaks it and imported by both UIs (`@campus/server/client/live`). Browser-safe: nothing
 * here reaches Node, drizzle or postgres. Payloads carry ticket numbers, windows and counts, never
 * names or student numbers.
 */
import { Type, type Static, type TLiteral, type TSchema } from 'typebox';
import { TICKET_STATUSES } from '@campus/db/ticket-status';

export { TICKET_STATUSES, isTicketStatus, type TicketStatus } from '@campus/db/ticket-status';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Integer = Type.Integer();
const Text = Type.String();

/** One literal per value of a const list, keeping each value's type (a plain `map` would lose them). */
const literals = <const T extends readonly string[]>(values: T) =>
  values.map((value) => Type.Literal(value)) as unknown as { -readonly [K in keyof T]: TLiteral<T[K]> };

export const TicketStatusSchema = Type.Union(literals(TICKET_STATUSES));

// ---------------------------------------------------------------------------------------------
// Snapshots

export const WindowStateSchema = Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]);
export type WindowState = Static<typeof WindowStateSchema>;

export const CurrentTicketSchema = Type.Object({
  number: Text,
  status: Type.Union([Type.Literal('called'), Type.Literal('serving')]),
  calledAt: Nullable(Text),
});
export type CurrentTicket = Static<typeof CurrentTicketSchema>;

export const BoardWindowSchema = Type.Object({
  id: Integer,
  number: Integer,
  nameZh: Text,
  nameEn: Text,
  familyCode: Text,
  state: WindowStateSchema,
  /** Taken out of service by the hall, whatever the clerk's session says. */
  suspended: Type.Boolean(),
  current: Nullable(CurrentTicketSchema),
  closesAt: Nullable(Text),
  nextOpensAt: Nullable(Text),
});
export type BoardWindow = Static<typeof BoardWindowSchema>;

export const BoardFamilySchema = Type.Object({ code: Text, nameZh: Text, nameEn: Text, ticketPrefix: Text, waiting: Integer });
export type BoardFamily = Static<typeof BoardFamilySchema>;

export const RecentCallSchema = Type.Object({
  number: Text,
  windowId: Integer,
  windowNumber: Integer,
  at: Text,
  recall: Type.Boolean(),
  /** A checked-in appointment's ticket: the board marks it 预约. */
  appointment: Type.Optional(Type.Boolean()),
});
export type RecentCall = Static<typeof RecentCallSchema>;

/** A lobby notice as boards get it (the admin API adds its own fields on top). */
export const BoardNoticeSchema = Type.Object({
  id: Integer,
  textZh: Text,
  textEn: Nullable(Text),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Nullable(Type.String({ format: 'date-time' })),
});
export type BoardNotice = Static<typeof BoardNoticeSchema>;

export const BoardSnapshotSchema = Type.Object({
  /** The server's clock: boards correct their own. */
  now: Text,
  timeZone: Text,
  windows: Type.Array(BoardWindowSchema),
  families: Type.Array(BoardFamilySchema),
  recentCalls: Type.Array(RecentCallSchema),
  notices: Type.Array(BoardNoticeSchema),
});
export type BoardSnapshot = Static<typeof BoardSnapshotSchema>;

export const WindowTopicSnapshotSchema = Type.Object({ windowId: Integer, windowNumber: Integer, state: WindowStateSchema });
export type WindowTopicSnapshot = Static<typeof WindowTopicSnapshotSchema>;

// ---------------------------------------------------------------------------------------------
// Events: what each carries on the board (ticket ids stay off it); window and ticket topics get
// the same data plus the ticket's id (see HallEventPayloads).

const familyWaiting = {
  familyCode: Text,
  /** Tickets of the family waiting after this change (absolute, so a board never drifts). */
  familyWaiting: Integer,
};
const atWindow = { number: Text, windowId: Integer, windowNumber: Integer };
const windowRef = { windowId: Integer, windowNumber: Integer };
const inLine = { number: Text, serviceId: Integer, ...familyWaiting };
const slotSeats = { serviceId: Integer, slotStart: Text, capacity: Integer, taken: Integer };

export const boardEventPayloadSchemas = {
  'ticket.issued': Type.Object({ ...inLine, priority: Type.Boolean() }),
  'ticket.called': Type.Object({ ...atWindow, ...inLine, appointment: Type.Optional(Type.Boolean()) }),
  'ticket.recalled': Type.Object({ ...atWindow, recallCount: Integer }),
  'ticket.started': Type.Object(atWindow),
  'ticket.finished': Type.Object({ ...atWindow, outcome: Text }),
  'ticket.no_show': Type.Object(atWindow),
  'ticket.parked': Type.Object(atWindow),
  'ticket.cancelled': Type.Object(inLine),
  /** Written by the workers' expiry job. */
  'ticket.expired': Type.Object(inLine),
  'ticket.rejoined': Type.Object(inLine),
  'ticket.transferred': Type.Object(inLine),
  'window.opened': Type.Object(windowRef),
  'window.paused': Type.Object(windowRef),
  'window.closed': Type.Object(windowRef),
  /** An appointment's holder checked in: its ticket (issued in the same transaction) joined the line. */
  'appointment.checked_in': Type.Object({ number: Text, serviceId: Integer, slotStart: Type.String({ format: 'date-time' }) }),
  /** Written by the workers' sweeper: booked appointments whose check-in closed without them. */
  'appointment.no_show': Type.Object({ serviceId: Integer, slotStart: Type.String({ format: 'date-time' }) }),
  /** Bookings (no personal data): the service, the slot and its seats after the change. */
  'appointment.booked': Type.Object(slotSeats),
  'appointment.cancelled': Type.Object(slotSeats),
  'appointment.rescheduled': Type.Object({ ...slotSeats, fromSlotStart: Text }),
  /** The lobby notices not yet ended, whole (a board replaces its list). */
  'notices.changed': Type.Object({ notices: Type.Array(BoardNoticeSchema) }),
};

type PayloadSchemas = typeof boardEventPayloadSchemas;
export type BoardEventType = keyof PayloadSchemas;
export type BoardEventPayloads = { [T in BoardEventType]: Static<PayloadSchemas[T]> };
export type BoardEvent = { [T in BoardEventType]: { type: T; at: string; data: BoardEventPayloads[T] } }[BoardEventType];

export const BoardEventSchema = Type.Union(
  (Object.keys(boardEventPayloadSchemas) as BoardEventType[]).map((type) =>
    Type.Object({ type: Type.Literal(type), at: Text, data: boardEventPayloadSchemas[type] }),
  ),
);

/** Carried by every event that moves a ticket into or out of the waiting line: the board's counts. */
export type FamilyWaiting = Pick<BoardEventPayloads['ticket.issued'], 'familyCode' | 'familyWaiting'>;

type TicketEventType = Extract<BoardEventType, `ticket.${string}`>;
/** The events as the server writes them: every ticket event names its ticket, a transfer also the one it came from. */
export type HallEventPayloads = {
  [T in BoardEventType]: T extends 'ticket.transferred'
    ? BoardEventPayloads[T] & { ticketId: string; fromTicketId: string }
    : T extends TicketEventType
      ? BoardEventPayloads[T] & { ticketId: string }
      : BoardEventPayloads[T];
};
export type HallEventType = keyof HallEventPayloads;

/** A ticket's own transitions, forwarded to its topic as they are. */
export const OWN_TICKET_EVENTS: ReadonlySet<HallEventType> = new Set<TicketEventType>([
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

// ---------------------------------------------------------------------------------------------
// Topics

/** A topic a client may subscribe to: the hall board, one window (its clerk), one ticket (its reader). */
export type Topic = { kind: 'board' } | { kind: 'window'; windowId: number } | { kind: 'ticket'; ticketId: string };

const WINDOW_TOPIC = /^window:([1-9]\d{0,8})$/;
const TICKET_TOPIC = /^ticket:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseTopic(name: unknown): Topic | null {
  if (name === 'board') return { kind: 'board' };
  if (typeof name !== 'string' || name.length > 64) return null;
  const window = WINDOW_TOPIC.exec(name);
  if (window) return { kind: 'window', windowId: Number(window[1]) };
  const ticket = TICKET_TOPIC.exec(name.toLowerCase());
  if (ticket) return { kind: 'ticket', ticketId: ticket[1]! };
  return null;
}

export const topicName = (topic: Topic): string =>
  topic.kind === 'board' ? 'board' : topic.kind === 'window' ? `window:${topic.windowId}` : `ticket:${topic.ticketId}`;

// ---------------------------------------------------------------------------------------------
// Messages

export const ClientMessageSchema = Type.Union([
  Type.Object({ type: Type.Literal('subscribe'), topic: Text }),
  Type.Object({ type: Type.Literal('unsubscribe'), topic: Text }),
  Type.Object({ type: Type.Literal('ping') }),
]);
export type ClientMessage = Static<typeof ClientMessageSchema>;

export const LiveErrorCodeSchema = Type.Union(
  literals(['bad_message', 'unknown_topic', 'unauthorized', 'forbidden', 'not_found', 'too_many_topics', 'unavailable']),
);
export type LiveErrorCode = Static<typeof LiveErrorCodeSchema>;

/** One change on a topic (`data` is a BoardEventPayloads entry on the board, with ids elsewhere, or the whole ticket for `ticket.updated`). */
export const LiveEventSchema = Type.Object({ type: Text, at: Text, data: Type.Unknown() });
export type LiveEvent = Static<typeof LiveEventSchema>;

const Seq = Type.Integer({ minimum: 0 });

export const ServerMessageSchema = Type.Union([
  Type.Object({ type: Type.Literal('hello'), live: Type.Boolean(), heartbeatMs: Type.Number({ exclusiveMinimum: 0 }), now: Type.Optional(Text) }),
  Type.Object({ type: Type.Literal('snapshot'), topic: Text, seq: Seq, data: Type.Unknown() }),
  Type.Object({ type: Type.Literal('event'), topic: Text, seq: Seq, prev: Seq, event: LiveEventSchema }),
  Type.Object({ type: Type.Literal('status'), live: Type.Boolean() }),
  Type.Object({ type: Type.Literal('heartbeat'), at: Text, live: Type.Boolean() }),
  Type.Object({ type: Type.Literal('pong') }),
  Type.Object({ type: Type.Literal('error'), code: LiveErrorCodeSchema, title: Text, topic: Type.Optional(Text) }),
]);
export type ServerMessage = Static<typeof ServerMessageSchema>;
