import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { notFound, problemResponses } from '../common/problem.ts';
import { SerialId } from '../common/schemas.ts';
import { TicketHistory, ticketHistory } from './history.ts';
import { clerkServesTicket } from './ticket-access.ts';
import { clerkContextOf, finish, noShow, recall, start, updateChecklist } from './clerk-actions.ts';
import { park } from './parking.ts';
import { TicketParams, ticketChangeProblems } from './schemas.ts';
import { committedTicketView, loadTicketRow } from './ticket-view.ts';
import { transfer } from './transfer.ts';


/** The clerk's actions on the ticket at their window, parking and transfer included. Tickets at other windows answer 404. */
const clerkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const simple = [
    ['recall', recall, 'Announce the called number again (counted)'],
    ['start', start, 'The holder has arrived: start serving'],
    ['no-show', noShow, 'The called holder did not come'],
  ] as const;
  for (const [path, action, summary] of simple) {
    app.post(
      `/api/tickets/:id/${path}`,
      {
        config: { access: allow.roles('clerk') },
        schema: { tags: ['queue'], summary, params: TicketParams, response: { 200: { $ref: 'Ticket' }, ...ticketChangeProblems } },
      },
      async (request) => {
        await action(app.db, request.params.id, clerkContextOf(request));
        app.publishEvents();
        return committedTicketView(app.db, request.params.id, app.config.queue);
      },
    );
  }

  app.get(
    '/api/tickets/:id/history',
    {
      config: { access: allow.roles('clerk', 'admin') },
      schema: {
        tags: ['queue'],
        summary: 'The ticket’s transitions and notes, following transfers back to the first ticket (its clerks and admins)',
        params: TicketParams,
        response: {
          200: TicketHistory,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const row = await loadTicketRow(app.db, request.params.id);
      const admin = request.actor.kind === 'account' && request.actor.roles.has('admin');
      if (!row || !(admin || (await clerkServesTicket(app.db, request.actor, row)))) throw notFound('ticket');
      return ticketHistory(app.db, row.id);
    },
  );

  app.post(
    '/api/tickets/:id/finish',
    {
      config: { access: allow.roles('clerk') },
      schema: {
        tags: ['queue'],
        summary: 'Finish with an outcome; done needs every required item ticked or an override reason',
        params: TicketParams,
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('done'), Type.Literal('materials_missing'), Type.Literal('referred')]),
            overrideReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            missingMaterialIds: Type.Optional(Type.Array(SerialId, { maxItems: 50 })),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            loan: Type.Optional(
              Type.Object(
                { purpose: Type.String({ minLength: 1, maxLength: 200 }), dueOn: Type.String({ format: 'date' }) },
                { additionalProperties: false, description: 'Window 8 household-card loan terms' },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: { $ref: 'Ticket' }, ...ticketChangeProblems },
      },
    },
    async (request) => {
      await finish(app.db, request.params.id, clerkContextOf(request), request.body);
      app.publishEvents();
      return committedTicketView(app.db, request.params.id, app.config.queue);
    },
  );

  app.put(
    '/api/tickets/:id/checklist',
    {
      config: { access: allow.roles('clerk') },
      schema: {
        tags: ['queue'],
        summary: 'Tick or untick the materials the holder brought',
        params: TicketParams,
        body: Type.Object(
          { items: Type.Array(Type.Object({ materialId: SerialId, checked: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...ticketChangeProblems },
      },
    },
    async (request, reply) => {
      await updateChecklist(app.db, request.params.id, clerkContextOf(request), request.body.items);
      return reply.code(204).send(null);
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
        response: { 200: { $ref: 'Ticket' }, ...ticketChangeProblems },
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
        response: { 200: { $ref: 'Ticket' }, ...ticketChangeProblems },
      },
    },
    async (request) => {
      const created = await transfer(app.db, clerkContextOf(request), request.params.id, request.body);
      app.publishEvents();
      return committedTicketView(app.db, created.id, app.config.queue);
    },
  );
};

export default clerkRoutes;
