import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, Pagination, ShortText } from '../common/schemas.ts';
import { listAccounts, resetPassword, unlockAccount } from './admin-actions.ts';
import { AccountItem } from './schemas.ts';

/** Admins' side of accounts: the list with sign-in locks, password resets, unlocking. */
const adminAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/accounts',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Accounts, searchable by username or name; with their sign-in locks (everywhere, or per address or device)',
        querystring: Type.Object(
          { q: Type.Optional(ShortText(64)), locked: Type.Optional(Type.Boolean({ description: 'Only accounts locked now, anywhere' })), ...Pagination },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AccountItem) }), ...problemResponses },
      },
    },
    async (request) => {
      return listAccounts(app.db, request.query);
    },
  );

  app.post(
    '/api/admin/accounts/:id/reset-password',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Reset a password: returns a temporary one, ends the account’s sessions, forces a change at next sign-in',
        params: IdParams,
        response: { 200: Type.Object({ temporaryPassword: Type.String() }), ...problemResponses },
      },
    },
    async (request) => {
      return { temporaryPassword: await resetPassword(app.db, auditSourceOf(request), request.params.id) };
    },
  );

  app.post(
    '/api/admin/accounts/:id/unlock',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Lift every sign-in lock of an account (everywhere and per address or device) and start its counts over',
        params: IdParams,
        response: { 204: { type: 'null' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      await unlockAccount(app.db, auditSourceOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default adminAccountRoutes;
