import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { AppError, problemResponses } from '../common/problem.ts';
import { IdParams } from '../common/schemas.ts';
import { bookingRate } from './booking-rate.ts';
import { bookAppointment } from './booking.ts';
import { appointmentIcs, codeQrSvg } from './calendar.ts';
import { cancelOwnAppointment, rescheduleAppointment } from './changes.ts';
import { AppointmentIdParams, BookBody, Booked, MyAppointments, RescheduleBody, SlotDayList, SlotList, SlotRangeQuery, TicksBody, WaitlistIdParams } from './schemas.ts';
import { listSlotDays, listSlots } from './slot-read.ts';
import { appointmentView, myAppointments, setTicks } from './views.ts';
import { acceptOffer, joinWaitlist, leaveWaitlist } from './waitlist.ts';

const bookers = allow.roles('student', 'staff');
const conflict = { 409: Type.Ref('Problem') };

function personOf(request: FastifyRequest): number {
  const personId = accountOf(request.actor)?.personId ?? null;
  if (personId === null) throw new AppError(403, 'not_a_person', 'Only students and staff book appointments');
  return personId;
}

function parseStart(text: string): Date {
  const start = new Date(text);
  if (Number.isNaN(start.getTime())) throw new AppError(400, 'validation_failed', 'start is not a date-time');
  return start;
}

/** Slots, booking, rescheduling, cancelling, the waitlist and the holder's checklist, calendar and QR. */
const appointmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;
  /** Booking requests per account per 10 minutes, as the admin set it: plenty for a person, not for a script. */
  const bookingsPer10Minutes = bookingRate(app.db);
  /** After the commit: the board's events, and the reminder slice's job (fire-and-forget). */
  const changed = (...ids: string[]) => {
    app.publishEvents();
    for (const appointmentId of ids) app.enqueueJob('appointments', 'appointment.changed', { appointmentId });
  };

  app.get(
    '/api/services/:id/slots',
    {
      config: { access: allow.public },
      schema: {
        tags: ['appointments'],
        summary: 'Bookable slots of a service (hall zone): start, end, capacity, seats remaining',
        params: IdParams,
        querystring: SlotRangeQuery,
        response: { 200: SlotList, ...problemResponses },
      },
    },
    async (request) => listSlots(app.db, hallTz, request.params.id, request.query, new Date()),
  );

  app.get(
    '/api/services/:id/slot-days',
    {
      config: { access: allow.public },
      schema: {
        tags: ['appointments'],
        summary: 'Per day: seats remaining and bookable slots of a service, for a calendar',
        params: IdParams,
        querystring: SlotRangeQuery,
        response: { 200: SlotDayList, ...problemResponses },
      },
    },
    async (request) => listSlotDays(app.db, hallTz, request.params.id, request.query, new Date()),
  );

  app.post(
    '/api/appointments',
    {
      config: { access: bookers },
      preHandler: app.rateLimit({
        max: bookingsPer10Minutes,
        timeWindow: 600_000,
        keyGenerator: (req) => `book-account:${accountOf(req.actor)?.accountId}`,
      }),
      schema: {
        tags: ['appointments'],
        summary: 'Book a slot: 409 slot_full, already_booked, too_many_appointments, booking_suspended (with until and the reason), outside_horizon, too_soon',
        body: BookBody,
        response: { 201: Booked, ...conflict, 429: Type.Ref('Problem'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const personId = personOf(request);
      const booked = await bookAppointment(app.db, hallTz, auditSourceOf(request), { personId, serviceId: request.body.serviceId, start: parseStart(request.body.start), now: new Date() });
      changed(booked.id);
      return reply.code(201).send({ appointment: await appointmentView(app.db, hallTz, booked.id, personId), code: booked.code });
    },
  );

  app.get(
    '/api/me/appointments',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['appointments'],
        summary: 'My appointments (live, and those of the last 30 days), open waitlist entries and any booking suspension',
        response: { 200: MyAppointments, ...problemResponses },
      },
    },
    async (request) => {
      const personId = accountOf(request.actor)?.personId ?? null;
      if (personId === null) return { items: [], waitlist: [], suspension: null };
      return myAppointments(app.db, hallTz, personId, new Date());
    },
  );

  app.get(
    '/api/appointments/:id',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['appointments'],
        summary: 'One of my appointments with the materials checklist for my applicant type (another person’s: 404)',
        params: AppointmentIdParams,
        response: { 200: Type.Ref('Appointment'), ...problemResponses },
      },
    },
    async (request) => appointmentView(app.db, hallTz, request.params.id, personOf(request)),
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Move my appointment to another slot of the service, atomically; answers the new appointment (same code)',
        params: AppointmentIdParams,
        body: RescheduleBody,
        response: { 200: Type.Ref('Appointment'), ...conflict, ...problemResponses },
      },
    },
    async (request) => {
      const personId = personOf(request);
      const movedId = await rescheduleAppointment(app.db, hallTz, auditSourceOf(request), request.params.id, personId, parseStart(request.body.start), new Date());
      changed(request.params.id, movedId);
      return appointmentView(app.db, hallTz, movedId, personId);
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Cancel my appointment until the cutoff (409 cancel_cutoff_passed); the seat goes to the waitlist',
        params: AppointmentIdParams,
        response: { 200: Type.Ref('Appointment'), ...conflict, ...problemResponses },
      },
    },
    async (request) => {
      const personId = personOf(request);
      await cancelOwnAppointment(app.db, auditSourceOf(request), request.params.id, personId, new Date());
      changed(request.params.id);
      return appointmentView(app.db, hallTz, request.params.id, personId);
    },
  );

  app.put(
    '/api/appointments/:id/ticks',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Say which checklist materials I have ready (the whole list); the clerk sees them at the call',
        params: AppointmentIdParams,
        body: TicksBody,
        response: { 200: Type.Ref('Appointment'), ...conflict, ...problemResponses },
      },
    },
    async (request) => setTicks(app.db, hallTz, auditSourceOf(request), request.params.id, personOf(request), request.body.materialIds),
  );

  app.get(
    '/api/appointments/:id/calendar.ics',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['appointments'],
        summary: 'My appointment as an .ics calendar file (window and what to bring; SEQUENCE grows with each reschedule)',
        params: AppointmentIdParams,
        response: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: Type.String() } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await appointmentView(app.db, hallTz, request.params.id, personOf(request));
      const ics = await appointmentIcs(app.db, view, hallTz);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="appointment-${view.code}.ics"`).send(ics);
    },
  );

  app.get(
    '/api/appointments/:id/qr.svg',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['appointments'],
        summary: 'The booking code of my appointment as a QR code, for the kiosk',
        params: AppointmentIdParams,
        response: { 200: { description: 'image/svg+xml', content: { 'image/svg+xml': { schema: Type.String() } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await appointmentView(app.db, hallTz, request.params.id, personOf(request));
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(await codeQrSvg(view.code));
    },
  );

  app.post(
    '/api/appointments/waitlist',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Join the waitlist of a full slot (409 slot_not_full otherwise)',
        body: BookBody,
        response: { 201: Type.Ref('WaitlistEntry'), ...conflict, ...problemResponses },
      },
    },
    async (request, reply) => {
      const personId = personOf(request);
      const id = await joinWaitlist(app.db, hallTz, auditSourceOf(request), personId, request.body.serviceId, parseStart(request.body.start), new Date());
      const mine = await myAppointments(app.db, hallTz, personId, new Date());
      return reply.code(201).send(mine.waitlist.find((w) => w.id === id)!);
    },
  );

  app.delete(
    '/api/appointments/waitlist/:id',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Leave a waitlist; a seat offered to me goes to the next in line',
        params: WaitlistIdParams,
        response: { 204: Type.Null(), ...conflict, ...problemResponses },
      },
    },
    async (request, reply) => {
      await leaveWaitlist(app.db, auditSourceOf(request), personOf(request), request.params.id, new Date());
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/appointments/waitlist/:id/accept',
    {
      config: { access: bookers },
      schema: {
        tags: ['appointments'],
        summary: 'Take the seat offered to me from the waitlist (409 offer_expired after the hold)',
        params: WaitlistIdParams,
        response: { 201: Booked, ...conflict, ...problemResponses },
      },
    },
    async (request, reply) => {
      const personId = personOf(request);
      const booked = await acceptOffer(app.db, hallTz, auditSourceOf(request), personId, request.params.id, new Date());
      changed(booked.id);
      return reply.code(201).send({ appointment: await appointmentView(app.db, hallTz, booked.id, personId), code: booked.code });
    },
  );
};

export default appointmentRoutes;
