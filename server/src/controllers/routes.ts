import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams } from '../common/schemas.ts';
import { controllersHealth } from './health.ts';
import { retryGrant } from './retry.ts';
import { ControllerHealth, RetriedGrant } from './schemas.ts';

/** The door controllers' health, and the hand retry of a failed command (lock clerks and admins). */
const controllerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/controllers',
    {
      config: { access: allow.roles('lock_clerk', 'admin') },
      schema: {
        tags: ['doors'],
        summary: "Each door controller's health: last acknowledgement, backlog, failures, drift, last error",
        response: { 200: Type.Object({ items: Type.Array(ControllerHealth) }), ...problemResponses },
      },
    },
    async () => ({ items: await controllersHealth(app.db) }),
  );

  app.post(
    '/api/lock-grants/:id/retry',
    {
      config: { access: allow.roles('lock_clerk', 'admin') },
      schema: {
        tags: ['doors'],
        summary: 'Tries a failed controller command again, at a newer version',
        params: IdParams,
        response: { 200: RetriedGrant, 409: Type.Ref('Problem'), ...problemResponses },
      },
    },
    async (request) => retryGrant(app.db, auditSourceOf(request), request.params.id),
  );
};

export default controllerRoutes;
