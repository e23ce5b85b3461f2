import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditActor, auditSourceOf } from '../common/audit.ts';
import { notFound, problemResponses } from '../common/problem.ts';
import { IdParams, Nullable } from '../common/schemas.ts';
import { QueueTicket, Session, ticketChangeProblems } from './schemas.ts';
import { openWindowSession, setWindowSession } from './session-actions.ts';
import { callNext, callSpecific } from './calling.ts';
import { clerkContextOf } from './clerk-actions.ts';
import { windowQueue } from './window-queue.ts';

/** A clerk's window: open/pause/close a session, see the line, call the next ticket or a particular one. */
const windowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;

  app.post(
    '/api/windows/:id/sessions',
    {
      config: { access: allow.clerkOfWindow('id') },
      schema: { tags: ['queue'], summary: 'Open a session on one of my windows', params: IdParams, response: { 201: Session, 409: { $ref: 'Problem' }, ...problemResponses } },
    },
    async (request, reply) => {
      const session = await openWindowSession(app.db, auditSourceOf(request), request.params.id, accountOf(request.actor)!.accountId);
      app.publishEvents();
      return reply.code(201).send(session);
    },
  );

  app.patch(
    '/api/windows/:id/session',
    {
      config: { access: allow.clerkOfWindow('id') },
      schema: {
        tags: ['queue'],
        summary: 'Pause (break), resume or close my session on this window',
        params: IdParams,
        body: Type.Object({ status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]) }, { additionalProperties: false }),
        response: { 200: Session, 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      const session = await setWindowSession(app.db, auditSourceOf(request), request.params.id, accountOf(request.actor)!.accountId, request.body.status);
      app.publishEvents();
      return session;
    },
  );

  app.get(
    '/api/windows/:id/queue',
    {
      config: { access: allow.clerkOfWindow('id', true) },
      schema: {
        tags: ['queue'],
        summary: 'The window’s session, current ticket with its checklist, the waiting line and today’s served list',
        params: IdParams,
        response: {
          200: Type.Object({
            window: Type.Object({ id: Type.Integer(), number: Type.Integer(), nameZh: Type.String(), nameEn: Type.String() }),
            session: Nullable(Type.Object({ id: Type.Integer(), status: Type.String(), openedAt: Type.String(), clerk: Type.String(), accountId: Type.Integer() })),
            current: Type.Array(
              Type.Intersect([
                QueueTicket,
                Type.Object({
                  checklist: Type.Array(
                    Type.Object({ materialId: Type.Integer(), nameZh: Type.String(), nameEn: Type.String(), kind: Type.String(), required: Type.Boolean(), checked: Type.Boolean() }),
                  ),
                }),
              ]),
            ),
            waiting: Type.Array(QueueTicket),
            servedToday: Type.Array(QueueTicket),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const queue = await windowQueue(app.db, request.params.id, hallTz, app.clock());
      if (!queue) throw notFound('window');
      return queue;
    },
  );

  app.post(
    '/api/windows/:id/call-next',
    {
      config: { access: allow.clerkOfWindow('id') },
      schema: {
        tags: ['queue'],
        summary: 'Call the next ticket: appointments due, then priority (with fairness), then arrival order; 204 when nobody waits',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), number: Type.String() }), 204: Type.Null(), 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const me = accountOf(request.actor)!;
      const called = await callNext(app.db, hallTz, {
        windowId: request.params.id,
        accountId: me.accountId,
        headsUpPosition: app.config.queue.headsUpPosition,
        actor: auditActor(request.actor),
        ip: request.ip,
        requestId: String(request.id),
      }, app.clock());
      if (!called) return reply.code(204).send(null);
      app.publishEvents();
      return called;
    },
  );

  app.post(
    '/api/windows/:id/call',
    {
      config: { access: allow.clerkOfWindow('id') },
      schema: {
        tags: ['queue'],
        summary: 'Call a specific ticket out of order (reason recorded), or call back a parked one',
        params: IdParams,
        body: Type.Object({ ticketId: Type.String({ format: 'uuid' }), reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), number: Type.String() }), ...ticketChangeProblems },
      },
    },
    async (request) => {
      const called = await callSpecific(app.db, { ...clerkContextOf(request), windowId: request.params.id }, request.body.ticketId, request.body.reason);
      app.publishEvents();
      return called;
    },
  );
};

export default windowRoutes;
