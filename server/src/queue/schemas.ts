import { Type, type Static } from 'typebox';
import { TicketStatusSchema } from '../client/live/protocol.ts';
import { problemResponses } from '../common/problem.ts';
import { Nullable } from '../common/schemas.ts';

export { TicketStatusSchema };

export const IssueBody = Type.Object(
  {
    serviceId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    priority: Type.Optional(Type.Boolean({ description: 'Kiosk only: accessibility needs, served before others with fairness (online requests with it are refused)' })),
    studentNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Kiosk only: the holder’s student or staff number' })),
  },
  { additionalProperties: false },
);

export const Ticket = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    number: Type.String(),
    status: TicketStatusSchema,
    service: Type.Object({ id: Type.Integer(), nameZh: Type.String(), nameEn: Type.String() }),
    windows: Type.Array(Type.Integer(), { description: 'Window numbers that serve it' }),
    window: Nullable(Type.Object({ id: Type.Integer(), number: Type.Integer() }), ),
    priority: Type.Boolean(),
    channel: Type.String(),
    ahead: Type.Integer(),
    estimatedWaitMinutes: Type.Integer(),
    openWindows: Type.Integer({ description: 'Windows able to serve it that a clerk staffs now; 0 means nobody is calling its line yet' }),
    issuedAt: Type.String({ format: 'date-time' }),
    calledAt: Nullable(Type.String({ format: 'date-time' })),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
    missingMaterials: Type.Array(Type.Object({ id: Type.Integer(), nameZh: Type.String(), nameEn: Type.String() })),
    transferredTo: Nullable(Type.String({ format: 'uuid', description: 'The new ticket a transfer made' })),
    rejoinUntil: Nullable(Type.String({ format: 'date-time', description: 'A no-show may rejoin the line until then; null otherwise' })),
    rated: Type.Boolean({ description: 'Feedback was given' }),
  },
  { $id: 'Ticket' },
);
export type Ticket = Static<typeof Ticket>;

/** A clerk's session on a window. */
export const Session = Type.Object({
  id: Type.Integer(),
  windowId: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
  openedAt: Type.String({ format: 'date-time' }),
});

export const QueueTicket = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  priority: Type.Boolean(),
  channel: Type.String(),
  serviceId: Type.Integer(),
  serviceNameZh: Type.String(),
  serviceNameEn: Type.String(),
  holder: Nullable(Type.String({ description: 'Masked name (张*明)' })),
  queuedAt: Type.String({ format: 'date-time' }),
  calledAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  recallCount: Type.Integer(),
});

/** A ticket in the path. */
export const TicketParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
/** What a change to a ticket may answer besides 200. */
export const ticketChangeProblems = { 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses } as const;
