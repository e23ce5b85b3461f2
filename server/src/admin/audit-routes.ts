import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { problemResponses } from '../common/problem.ts';
import { Nullable } from '../common/schemas.ts';
import { readAuditLog } from './audit-log.ts';
import { AuditNames } from './audit-names.ts';
import { AuditItem, AuditQuery } from './schemas.ts';

/**
 * Read-only view of the append-only audit log, newest first, paged by id. Each page carries the
 * names behind the ids it mentions (ticket and window numbers, usernames, material names), so the
 * UI can say what happened in words and keep the raw record behind a click.
 */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/audit',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Browse the audit log: filter by actor username, action (prefix), object, time; page with beforeId. `names` resolves the ids the page mentions',
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditItem), nextBeforeId: Nullable(Type.Integer()), names: AuditNames }), ...problemResponses },
      },
    },
    async (request) => {
      return readAuditLog(app.db, request.query);
    },
  );
};

export default auditRoutes;
