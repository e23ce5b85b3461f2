import { Type, type Static } from 'typebox';

/** RFC 9457 problem details with our stable machine-readable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String({ description: 'A finer machine-readable cause, where a code has several (password_too_weak: too_short, contains_username, too_common, too_simple, too_long, reused)' })),
    nextOpensAt: Type.Optional(Type.String({ format: 'date-time', description: 'service_closed: when it opens next' })),
    ticketId: Type.Optional(Type.String({ description: 'ticket_already_active, already_checked_in: the ticket already held' })),
    lockedUntil: Type.Optional(Type.String({ format: 'date-time', description: 'account_locked: when sign-in works again' })),
    windowNumbers: Type.Optional(Type.Array(Type.Integer(), { description: 'transfer_target_closed: the windows the ticket would wait for, none staffed now' })),
    comeBackAt: Type.Optional(Type.String({ format: 'date-time', description: 'too_early: when the appointment’s check-in opens' })),
    walkInOffered: Type.Optional(Type.Boolean({ description: 'too_late: a normal ticket of the service may be taken instead' })),
    serviceId: Type.Optional(Type.Integer({ description: 'too_late: the service whose normal ticket may be taken instead' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'booking_suspended: when booking works again (hall zone)' })),
    reasonZh: Type.Optional(Type.String({ description: 'booking_suspended: why, in Chinese' })),
    reasonEn: Type.Optional(Type.String({ description: 'booking_suspended: why, in English' })),
    appointmentId: Type.Optional(Type.String({ description: 'already_booked: the live appointment of this service' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), { description: 'Validation failures' }),
    ),
  },
  { $id: 'Problem', description: 'application/problem+json' },
);
export type Problem = Static<typeof Problem>;

/** An expected failure: its code is part of the API and never changes meaning. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly reason?: string,
    /** Extension members of the problem document (nextOpensAt, ticketId). */
    readonly extra?: {
      nextOpensAt?: string;
      ticketId?: string;
      windowNumbers?: number[];
      until?: string;
      reasonZh?: string;
      reasonEn?: string;
      appointmentId?: string;
      comeBackAt?: string;
      walkInOffered?: boolean;
      serviceId?: number;
    },
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, detail?: string) =>
  new AppError(404, `${what}_not_found`, `${what.replaceAll('_', ' ')} not found`, detail);

/** Response entries for every route: any 4xx/5xx is a Problem. */
export const problemResponses = {
  400: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  500: Type.Ref('Problem'),
} as const;
