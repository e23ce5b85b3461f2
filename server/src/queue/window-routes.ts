import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, ne } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { accountOf, allow } from '../shared/access.ts';
import { auditActor, recordAudit } from '../shared/audit.ts';
import { AppError, notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable } from '../shared/schemas.ts';
import { callNext, callSpecific } from './calling.ts';
import { clerkContextOf } from './clerk-actions.ts';
import { currentTickets, liveSession, windowNumber } from './window-sessions.ts';
import { windowQueue } from './window-queue.ts';

const { windowSessions } = schema;

const Session = Type.Object({
  id: Type.Integer(),
  windowId: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
  openedAt: Type.String({ format: 'date-time' }),
});
const toSession = (s: typeof windowSessions.$inferSelect) => ({ id: s.id, windowId: s.windowId, status: s.status, openedAt: s.openedAt.toISOString() });

const QueueTicket = Type.Object({
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
      const me = accountOf(request.actor)!;
      const session = await app.db.transaction(async (tx) => {
        const existing = await liveSession(tx, request.params.id);
        if (existing) {
          throw existing.accountId === me.accountId
            ? new AppError(409, 'session_already_open', 'Your session on this window is already open')
            : new AppError(409, 'window_staffed', 'Another clerk is at this window');
        }
        const [elsewhere] = await tx
          .select({ windowId: windowSessions.windowId })
          .from(windowSessions)
          .where(and(eq(windowSessions.accountId, me.accountId), ne(windowSessions.status, 'closed')));
        if (elsewhere) {
          throw new AppError(409, 'clerk_busy', 'You already staff another window', `Close your session on window ${await windowNumber(tx, elsewhere.windowId)} first`);
        }
        const [row] = await tx.insert(windowSessions).values({ windowId: request.params.id, accountId: me.accountId }).returning();
        await recordAudit(tx, request, { action: 'window.opened', objectType: 'window', objectId: request.params.id, after: { sessionId: row!.id } });
        await appendEvent(tx, 'window.opened', { windowId: request.params.id, windowNumber: await windowNumber(tx, request.params.id) });
        return row!;
      });
      app.publishEvents();
      return reply.code(201).send(toSession(session));
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
      const me = accountOf(request.actor)!;
      const target = request.body.status;
      const session = await app.db.transaction(async (tx) => {
        const live = await liveSession(tx, request.params.id);
        if (!live || live.accountId !== me.accountId) throw new AppError(409, 'no_open_session', 'You have no session on this window');
        if (live.status === target) throw new AppError(409, 'illegal_transition', `The session is already ${target}`);
        // Every action on a ticket needs the session open: a break or closing waits until the window is free.
        if (target !== 'open' && (await currentTickets(tx, request.params.id)).length > 0) {
          throw new AppError(409, 'ticket_in_progress', target === 'closed' ? 'Finish the current ticket before closing the window' : 'Finish or park the current ticket before a break');
        }
        const now = new Date();
        const [row] = await tx
          .update(windowSessions)
          .set({ status: target, pausedAt: target === 'paused' ? now : null, closedAt: target === 'closed' ? now : null })
          .where(eq(windowSessions.id, live.id))
          .returning();
        const action = target === 'open' ? 'window.opened' : target === 'paused' ? 'window.paused' : 'window.closed';
        await recordAudit(tx, request, { action, objectType: 'window', objectId: request.params.id, before: { status: live.status }, after: { status: target } });
        await appendEvent(tx, action, { windowId: request.params.id, windowNumber: await windowNumber(tx, request.params.id) });
        return row!;
      });
      app.publishEvents();
      return toSession(session);
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
      const queue = await windowQueue(app.db, request.params.id, hallTz);
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
      });
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
        response: { 200: Type.Object({ id: Type.String(), number: Type.String() }), 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses },
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
