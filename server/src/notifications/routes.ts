import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { accountOf, allow } from '../shared/access.ts';
import { notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable, Pagination } from '../shared/schemas.ts';

const { notifications } = schema;

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});

/** In-app notifications: each account sees only its own; another's id answers 404. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me/notifications',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Pagination }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Notification) }), ...problemResponses },
      },
    },
    async (request) => {
      const accountId = accountOf(request.actor)!.accountId;
      const { limit = 50, offset = 0 } = request.query;
      const where = and(eq(notifications.accountId, accountId), request.query.unread ? isNull(notifications.readAt) : undefined);
      const [rows, [count]] = await Promise.all([
        app.db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset),
        app.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(where),
      ]);
      return {
        total: count?.n ?? 0,
        items: rows.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      const accountId = accountOf(request.actor)!.accountId;
      const [row] = await app.db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.id, request.params.id), eq(notifications.accountId, accountId)))
        .returning({ id: notifications.id });
      if (!row) throw notFound('notification');
      return reply.code(204).send(null);
    },
  );
};

export default notificationRoutes;
