import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { schema } from '@campus/db';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { AppError, problemResponses } from '../common/problem.ts';
import { committedTicketView } from '../queue/ticket-view.ts';
import { checkIn, type CheckInBy } from './check-in.ts';
import { declareClosure } from './closures.ts';
import {
  AppointmentIdParams,
  BookingSuspension,
  CheckInResult,
  ClosureBody,
  ClosureResult,
  KioskCheckInBody,
  PersonIdParams,
  WindowAppointments,
  WindowIdParams,
} from './flow-schemas.ts';
import { activeSuspension } from './booking-rules.ts';
import { liftSuspension } from './suspensions.ts';
import { windowAppointmentsToday } from './window-day.ts';

const checkInProblems = { 409: { $ref: 'Problem' }, 429: { $ref: 'Problem' }, ...problemResponses } as const;

/** The day of an appointment: check-in at the kiosk or online, suspensions, closures declared late. */
const appointmentFlowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;

  async function answer(appointmentId: string, ticketId: string) {
    const [a] = await app.db
      .select({ slotStart: schema.appointments.slotStart, slotEnd: schema.appointments.slotEnd })
      .from(schema.appointments)
      .where(eq(schema.appointments.id, appointmentId));
    return {
      appointmentId,
      slotStart: a!.slotStart.toISOString(),
      slotEnd: a!.slotEnd.toISOString(),
      ticket: await committedTicketView(app.db, ticketId, app.config.queue),
    };
  }

  /** Both ways in (a kiosk naming the appointment, its holder online): check in, then what follows the commit, then the answer. */
  async function checkInAndAnswer(request: FastifyRequest, by: CheckInBy) {
    const done = await checkIn(app.db, hallTz, app.clock(), {
      by,
      source: auditSourceOf(request),
      deviceId: request.actor.kind === 'device' ? request.actor.deviceId : null,
      headsUpPosition: app.config.queue.headsUpPosition,
      windows: app.windowsCache,
    });
    app.publishEvents();
    // Checked in: its reminders have nothing more to say.
    app.enqueueJob('appointments', 'appointment.changed', { appointmentId: done.appointmentId });
    return answer(done.appointmentId, done.ticketId);
  }

  app.post(
    '/api/appointments/check-in',
    {
      config: { access: allow.devices('kiosk') },
      // A kiosk guessing codes is stopped like one printing tickets.
      preHandler: app.rateLimit({
        max: () => app.config.queue.issuePerKioskPer10Minutes,
        timeWindow: 600_000,
        keyGenerator: (req) => `check-in-device:${req.actor.kind === 'device' ? req.actor.deviceId : 'none'}`,
      }),
      schema: {
        tags: ['appointments'],
        summary: 'Check in at a kiosk by booking code (typed or scanned) or student number: issues the appointment’s ticket',
        body: KioskCheckInBody,
        response: { 201: CheckInResult, ...checkInProblems },
      },
    },
    async (request, reply) => {
      const { code, studentNumber } = request.body;
      if ((code === undefined) === (studentNumber === undefined)) throw new AppError(400, 'validation_failed', 'Give either a booking code or a student number');
      const by: CheckInBy = code !== undefined ? { code } : { studentNumber: studentNumber! };
      return reply.code(201).send(await checkInAndAnswer(request, by));
    },
  );

  app.post(
    '/api/appointments/:id/check-in',
    {
      config: { access: allow.roles('student', 'staff') },
      schema: {
        tags: ['appointments'],
        summary: 'The holder checks in online, on site: issues the appointment’s ticket',
        params: AppointmentIdParams,
        response: { 201: CheckInResult, ...checkInProblems },
      },
    },
    async (request, reply) => {
      const personId = accountOf(request.actor)?.personId ?? null;
      if (personId === null) throw new AppError(404, 'appointment_not_found', 'No appointment to check in');
      return reply.code(201).send(await checkInAndAnswer(request, { appointmentId: request.params.id, personId }));
    },
  );

  app.get(
    '/api/me/booking-suspension',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['appointments'],
        summary: 'Whether my booking is suspended after missed appointments: why, and until when',
        response: { 200: BookingSuspension, ...problemResponses },
      },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      const s = personId === null ? null : await activeSuspension(app.db, personId, new Date());
      return { suspension: s && { endsAt: DateTime.fromJSDate(s.endsAt).setZone(hallTz).toISO({ suppressMilliseconds: true })!, reasonZh: s.reasonZh, reasonEn: s.reasonEn } };
    },
  );

  app.post(
    '/api/people/:id/booking-suspension/lift',
    {
      config: { access: allow.roles('clerk', 'admin') },
      schema: {
        tags: ['appointments'],
        summary: 'Lift a person’s booking suspension (clerk or admin; audited)',
        params: PersonIdParams,
        response: { 204: { type: 'null' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      await liftSuspension(app.db, auditSourceOf(request), request.params.id, new Date());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/windows/:id/appointments',
    {
      config: { access: allow.clerkOfWindow('id', true) },
      schema: {
        tags: ['appointments'],
        summary: 'Today’s appointments of the services this window serves: time, who (masked), checked in or not, checklist ticks',
        params: WindowIdParams,
        response: { 200: WindowAppointments, ...problemResponses },
      },
    },
    async (request) => ({ items: await windowAppointmentsToday(app.db, request.params.id, hallTz, app.clock()) }),
  );

  app.post(
    '/api/admin/closures',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['appointments'],
        summary: 'Declare a closure of a window or the hall: withdraws the slots nobody can serve and cancels their appointments, telling each holder',
        body: ClosureBody,
        response: { 201: ClosureResult, 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { windowId = null, ...rest } = request.body;
      const done = await declareClosure(app.db, hallTz, auditSourceOf(request), { windowId, ...rest }, new Date());
      app.publishEvents();
      for (const appointmentId of done.appointmentIds) app.enqueueJob('appointments', 'appointment.changed', { appointmentId });
      return reply.code(201).send({ id: done.id, withdrawnSlots: done.withdrawnSlots, narrowedSlots: done.narrowedSlots, cancelledAppointments: done.cancelledAppointments });
    },
  );
};

export default appointmentFlowRoutes;
