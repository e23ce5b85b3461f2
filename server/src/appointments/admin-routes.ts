import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams } from '../common/schemas.ts';
import { bookingSettings, changeRules, changeServiceBooking, replaceReserves } from './booking-settings.ts';

const Minutes = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const DayPart = Type.Union([Type.Literal('morning'), Type.Literal('afternoon')]);

const Rules = Type.Object({
  horizonDays: Type.Integer({ minimum: 1, maximum: 90 }),
  minLeadMinutes: Minutes(7 * 24 * 60),
  cancelCutoffMinutes: Minutes(7 * 24 * 60),
  maxActivePerPerson: Type.Integer({ minimum: 1, maximum: 50 }),
  perWindowCapacity: Type.Integer({ minimum: 1, maximum: 50 }),
  waitlistHoldMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
  checkInEarlyMinutes: Minutes(240),
  checkInLateMinutes: Minutes(240),
  noShowLimit: Type.Integer({ minimum: 1, maximum: 50 }),
  noShowWindowDays: Type.Integer({ minimum: 1, maximum: 365 }),
  suspensionDays: Type.Integer({ minimum: 0, maximum: 365 }),
  /** Reminders before the slot, minutes; at most four. */
  reminderMinutes: Type.Array(Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }), { maxItems: 4 }),
  /** Booking requests one account may send per 10 minutes (over it: 429 rate_limited). */
  bookingsPer10Minutes: Type.Integer({ minimum: 1, maximum: 1000 }),
});

const Reserve = Type.Object(
  { serviceId: Type.Union([Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }), Type.Null()]), dayPart: DayPart, seats: Type.Integer({ minimum: 0, maximum: 50 }) },
  { additionalProperties: false },
);

const BookingSettings = Type.Object({
  rules: Type.Intersect([Rules, Type.Object({ updatedAt: Type.String({ format: 'date-time' }) })]),
  reserves: Type.Array(Reserve),
  services: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      familyCode: Type.String(),
      appointmentEnabled: Type.Boolean(),
      handlingMinutes: Type.Integer(),
      slotMinutes: Type.Union([Type.Integer(), Type.Null()]),
      perWindowCapacity: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});

/**
 * The hall's booking settings, for admins: the rules, the walk-in reserves per day part, and per
 * service whether it takes bookings, its slot length and its seats per window. Every change is
 * audited and plans the slots again at once.
 */
const appointmentAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;
  const admin = { access: allow.roles('admin') };

  app.get(
    '/api/admin/booking',
    { config: admin, schema: { tags: ['admin'], summary: 'Booking rules, walk-in reserves and every service’s booking settings', response: { 200: BookingSettings, ...problemResponses } } },
    async () => bookingSettings(app.db),
  );

  app.patch(
    '/api/admin/booking/rules',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change the hall’s booking rules; the slots are planned again',
        body: Type.Partial(Rules, { additionalProperties: false, minProperties: 1 }),
        response: { 200: BookingSettings, ...problemResponses },
      },
    },
    async (request) => changeRules(app.db, hallTz, auditSourceOf(request), request.body),
  );

  app.put(
    '/api/admin/booking/reserves',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Replace the seats kept for walk-ins per day part (per service, or the hall’s default with serviceId null)',
        body: Type.Object({ reserves: Type.Array(Reserve, { maxItems: 500 }) }, { additionalProperties: false }),
        response: { 200: BookingSettings, 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => replaceReserves(app.db, hallTz, auditSourceOf(request), request.body.reserves),
  );

  app.patch(
    '/api/admin/services/:id/booking',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Turn booking on or off for a service, or change its slot length or seats per window; its slots are planned again',
        params: IdParams,
        body: Type.Object(
          {
            appointmentEnabled: Type.Optional(Type.Boolean()),
            slotMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 5, maximum: 240 }), Type.Null()])),
            perWindowCapacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 50 }), Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: BookingSettings, ...problemResponses },
      },
    },
    async (request) => changeServiceBooking(app.db, hallTz, auditSourceOf(request), request.params.id, request.body),
  );
};

export default appointmentAdminRoutes;
