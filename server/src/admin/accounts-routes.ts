import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { hashPassword, schema } from '@campus/db';
import { revokeAccountSessions } from '../accounts/sessions.ts';
import { allow } from '../shared/access.ts';
import { recordAudit } from '../shared/audit.ts';
import { notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable, Pagination, ShortText } from '../shared/schemas.ts';

const { accounts } = schema;

const AccountItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
});

/** Readable, unambiguous temporary passwords (no 0/O, 1/l/I). */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const adminAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/accounts',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Accounts, searchable by username or name',
        querystring: Type.Object({ q: Type.Optional(ShortText(64)), ...Pagination }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AccountItem) }), ...problemResponses },
      },
    },
    async (request) => {
      const { q, limit = 50, offset = 0 } = request.query;
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = await app.db.execute<{
        id: number;
        username: string;
        displayName: string;
        roles: string[];
        disabled: boolean;
        lockedUntil: string | null;
        mustChangePassword: boolean;
        lastLoginAt: string | null;
        total: number;
      }>(sql`
        select a.id, a.username, a.display_name as "displayName", a.disabled, a.must_change_password as "mustChangePassword",
          case when a.locked_until > now() then to_char(a.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as "lockedUntil",
          to_char(a.last_login_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastLoginAt",
          array(select r.role::text from account_roles r where r.account_id = a.id order by 1) as roles,
          count(*) over ()::int as total
        from accounts a
        ${pattern ? sql`where a.username ilike ${pattern} or a.display_name ilike ${pattern}` : sql``}
        order by a.username limit ${limit} offset ${offset}`);
      return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...item }) => item) };
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
      const password = temporaryPassword();
      const hash = await hashPassword(password);
      await app.db.transaction(async (tx) => {
        const [row] = await tx
          .update(accounts)
          .set({ passwordHash: hash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
          .where(eq(accounts.id, request.params.id))
          .returning({ id: accounts.id });
        if (!row) throw notFound('account');
        const ended = await revokeAccountSessions(tx, row.id);
        await recordAudit(tx, request, {
          action: 'account.password_reset',
          objectType: 'account',
          objectId: row.id,
          after: { mustChangePassword: true, sessionsEnded: ended },
        });
      });
      return { temporaryPassword: password };
    },
  );

  app.post(
    '/api/admin/accounts/:id/unlock',
    {
      config: { access: allow.roles('admin') },
      schema: { tags: ['admin'], summary: 'Lift a sign-in lockout', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const [before] = await tx.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, request.params.id)).for('update');
        if (!before) throw notFound('account');
        await tx.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.id, request.params.id));
        await recordAudit(tx, request, {
          action: 'account.unlocked',
          objectType: 'account',
          objectId: request.params.id,
          before: { lockedUntil: before.lockedUntil?.toISOString() ?? null },
          after: { lockedUntil: null },
        });
      });
      return reply.code(204).send(null);
    },
  );
};

export default adminAccountRoutes;
