import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allow } from '../shared/access.ts';
import { auditActor } from '../shared/audit.ts';
import { notFound, problemResponses } from '../shared/problem.ts';
import { IdParams } from '../shared/schemas.ts';
import { clerkContextOf } from './clerk-actions.ts';
import { callSpecific, park, rateTicket, rejoin, transfer } from './more-actions.ts';
import { holdsTicket } from './ticket-access.ts';
import { committedTicketView, loadTicketRow } from './ticket-view.ts';

const TicketParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Uuid = Type.String({ format: 'uuid' });
const errors = { 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses } as const;

const who = (request: FastifyRequest) => ({ actor: auditActor(request.actor), ip: request.ip, requestId: String(request.id) });

/** Out-of-order calls, parking, transfers, rejoining after a no-show, and rating a finished ticket. */
const moreQueueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/windows/:id/call',
    {
      config: { access: allow.clerkOfWindow('id') },
      schema: {
        tags: ['queue'],
        summary: 'Call a specific ticket out of order (reason recorded), or call back a parked one',
        params: IdParams,
        body: Type.Object({ ticketId: Uuid, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), number: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const called = await callSpecific(app.db, { ...clerkContextOf(request), windowId: request.params.id }, request.body.ticketId, request.body.reason);
      app.publishEvents();
      return called;
    },
  );

  app.post(
    '/api/tickets/:id/park',
    {
      config: { access: allow.roles('clerk') },
      schema: {
        tags: ['queue'],
        summary: 'Park a ticket while the holder fetches a document; call it back later without losing its place',
        params: TicketParams,
        body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
        response: { 200: { $ref: 'Ticket' }, ...errors },
      },
    },
    async (request) => {
      await park(app.db, clerkContextOf(request), request.params.id, request.body?.note);
      app.publishEvents();
      return committedTicketView(app.db, request.params.id, app.config.queue);
    },
  );

  app.post(
    '/api/tickets/:id/transfer',
    {
      config: { access: allow.roles('clerk') },
      schema: {
        tags: ['queue'],
        summary: 'Transfer to another service, window or named clerk; the new ticket keeps the number and place in line',
        params: TicketParams,
        body: Type.Object(
          {
            serviceId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            windowId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            accountId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            note: Type.String({ minLength: 1, maxLength: 1000 }),
            confirmClosed: Type.Optional(Type.Boolean({ description: 'Transfer even though no window the ticket would wait for is staffed now (otherwise 409 transfer_target_closed)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: { $ref: 'Ticket' }, ...errors },
      },
    },
    async (request) => {
      const created = await transfer(app.db, clerkContextOf(request), request.params.id, request.body);
      app.publishEvents();
      return committedTicketView(app.db, created.id, app.config.queue);
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
        response: { 200: { $ref: 'Ticket' }, ...errors },
      },
    },
    async (request) => {
      const row = await loadTicketRow(app.db, request.params.id);
      // Online only the holder; at the kiosk whoever has the slip.
      if (!row || (request.actor.kind === 'account' && !holdsTicket(request.actor, row))) throw notFound('ticket');
      await rejoin(app.db, row.id, app.config.queue.rejoinGraceMinutes, who(request));
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
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const row = await loadTicketRow(app.db, request.params.id);
      if (!row || !holdsTicket(request.actor, row)) throw notFound('ticket');
      await rateTicket(app.db, row, request.body, who(request));
      return reply.code(204).send(null);
    },
  );
};

export default moreQueueRoutes;
