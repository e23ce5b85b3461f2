import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditActor, auditSourceOf } from '../common/audit.ts';
import { AppError, notFound, problemResponses } from '../common/problem.ts';
import { cancelTicket } from './cancel.ts';
import { hallDate } from './hall-day.ts';
import { rateTicket, rejoin } from './holder-actions.ts';
import { issueTicket, personByNumber } from './issue.ts';
import { IssueBody, TicketParams, ticketChangeProblems } from './schemas.ts';
import { clerkServesTicket, holdsTicket, mayReadTicket } from './ticket-access.ts';
import { committedTicketView, issuedTicketView, loadTicketRow, myTicketRows, ticketView } from './ticket-view.ts';


/** Taking, reading, cancelling, rejoining and rating tickets: the holder's side of the queue. */
const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;

  app.post(
    '/api/tickets',
    {
      config: { access: { roles: ['student', 'staff'], devices: ['kiosk'] } },
      preHandler: app.rateLimit({
        // Per person online, per kiosk in the lobby: enough for a busy morning, not for a script.
        max: (req) => (req.actor.kind === 'device' ? app.config.queue.issuePerKioskPer10Minutes : app.config.queue.issuePerPersonPer10Minutes),
        timeWindow: 600_000,
        keyGenerator: (req) => (req.actor.kind === 'device' ? `issue-device:${req.actor.deviceId}` : `issue-account:${accountOf(req.actor)?.accountId}`),
      }),
      schema: {
        tags: ['queue'],
        summary: 'Take a ticket: online for a signed-in student or staff member, or at a kiosk',
        body: IssueBody,
        response: { 201: { $ref: 'Ticket' }, 409: { $ref: 'Problem' }, 429: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      let personId: number | null = null;
      if (actor.kind === 'account') {
        personId = actor.personId;
        if (request.body.studentNumber !== undefined) throw new AppError(400, 'validation_failed', 'studentNumber is for kiosks only');
        // Priority is said to a person: at the kiosk (the clerk then sees it) or by a clerk, never self-granted online.
        if (request.body.priority) {
          throw new AppError(403, 'priority_not_self_service', 'Priority is given at the kiosk or by a clerk', 'Take a normal ticket online, or ask at the kiosk or a window.');
        }
        if (personId === null) throw new AppError(403, 'forbidden', 'Only students and staff can take tickets online');
      } else if (request.body.studentNumber) {
        personId = await personByNumber(app.db, request.body.studentNumber.trim());
      }
      const issued = await issueTicket(app.db, hallTz, app.clock(), {
        serviceId: request.body.serviceId,
        headsUpPosition: app.config.queue.headsUpPosition,
        priority: request.body.priority ?? false,
        channel: actor.kind === 'device' ? 'kiosk' : 'online',
        personId,
        deviceId: actor.kind === 'device' ? actor.deviceId : null,
        actor: auditActor(actor),
        ip: request.ip,
        requestId: String(request.id),
        windows: app.windowsCache,
      });
      app.publishEvents();
      return reply.code(201).send(await issuedTicketView(app.db, issued));
    },
  );

  app.get(
    '/api/tickets/:id',
    {
      config: { access: allow.public },
      schema: {
        tags: ['queue'],
        summary: 'A ticket: status, people ahead, estimated wait, outcome. Holder, its clerks and admins; walk-in tickets by their id',
        params: TicketParams,
        response: { 200: { $ref: 'Ticket' }, ...problemResponses },
      },
    },
    async (request) => {
      const row = await loadTicketRow(app.db, request.params.id);
      if (!row || !(await mayReadTicket(app.db, request.actor, row))) throw notFound('ticket');
      return ticketView(app.db, row, app.config.queue);
    },
  );

  app.delete(
    '/api/tickets/:id',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['queue'],
        summary: 'Cancel a ticket: its holder, or a clerk of its service',
        params: TicketParams,
        response: { 200: { $ref: 'Ticket' }, 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      const { actor } = request;
      const existing = await loadTicketRow(app.db, request.params.id);
      if (!existing) throw notFound('ticket');
      const holder = holdsTicket(actor, existing);
      if (!holder && !(await clerkServesTicket(app.db, actor, existing))) throw notFound('ticket');
      await cancelTicket(app.db, auditSourceOf(request), existing.id, holder ? 'holder' : accountOf(actor)!, app.config.queue.headsUpPosition);
      app.publishEvents();
      return committedTicketView(app.db, existing.id, app.config.queue);
    },
  );

  app.get(
    '/api/me/tickets',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['queue'],
        summary: 'My tickets: today’s, plus any still active',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Ticket')) }), ...problemResponses },
      },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      if (personId === null) return { items: [] };
      const all = await myTicketRows(app.db, personId, hallDate(hallTz));
      return { items: await Promise.all(all.map((r) => ticketView(app.db, r, app.config.queue))) };
    },
  );

  app.post(
    '/api/tickets/:id/rejoin',
    {
      config: { access: { roles: ['student', 'staff'], devices: ['kiosk'] } },
      schema: {
        tags: ['queue'],
        summary: 'After a no-show, rejoin the line within the grace period (the holder online, or at a kiosk)',
        params: TicketParams,
        response: { 200: { $ref: 'Ticket' }, ...ticketChangeProblems },
      },
    },
    async (request) => {
      const row = await loadTicketRow(app.db, request.params.id);
      // Online only the holder; at the kiosk whoever has the slip.
      if (!row || (request.actor.kind === 'account' && !holdsTicket(request.actor, row))) throw notFound('ticket');
      await rejoin(app.db, row.id, app.config.queue.rejoinGraceMinutes, auditSourceOf(request));
      app.publishEvents();
      return committedTicketView(app.db, row.id, app.config.queue);
    },
  );

  app.post(
    '/api/tickets/:id/feedback',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['queue'],
        summary: 'Rate a finished ticket once: attitude, efficiency and outcome from 1 to 5',
        params: TicketParams,
        body: Type.Object(
          {
            attitude: Type.Integer({ minimum: 1, maximum: 5 }),
            efficiency: Type.Integer({ minimum: 1, maximum: 5 }),
            outcome: Type.Integer({ minimum: 1, maximum: 5 }),
            comment: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...ticketChangeProblems },
      },
    },
    async (request, reply) => {
      const row = await loadTicketRow(app.db, request.params.id);
      if (!row || !holdsTicket(request.actor, row)) throw notFound('ticket');
      await rateTicket(app.db, row, request.body, auditSourceOf(request));
      return reply.code(204).send(null);
    },
  );
};

export default ticketRoutes;
