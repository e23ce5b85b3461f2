import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, Nullable, Pagination } from '../common/schemas.ts';
import { listNotifications, markNotificationRead } from './notifications.ts';

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
      return listNotifications(app.db, accountOf(request.actor)!.accountId, request.query);
    },
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await markNotificationRead(app.db, accountOf(request.actor)!.accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default notificationRoutes;
