import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomInt } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { hashPassword, schema } from '@campus/db';
import { clearLocks } from '../accounts/lockout.ts';
import { revokeAccountSessions } from '../accounts/sessions.ts';
import { allow } from '../shared/access.ts';
import { recordAudit } from '../shared/audit.ts';
import { notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable, Pagination, ShortText } from '../shared/schemas.ts';

const { accounts } = schema;

/** Source locks listed per account; the count says how many there are in all. */
const SOURCE_LOCKS_LISTED = 10;

const SourceLock = Type.Object({
  kind: Type.Union([Type.Literal('ip'), Type.Literal('device')]),
  /** kind ip: the client address. */
  ip: Nullable(Type.String()),
  /** kind device: the kiosk or display. */
  device: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  failures: Type.Integer(),
  lockedUntil: Type.String({ format: 'date-time' }),
});

const AccountItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time', description: 'Locked everywhere until then (the account-wide threshold)' })),
  sourceLocks: Type.Array(SourceLock, { description: `Locked from these addresses or devices only; soonest to end last, at most ${SOURCE_LOCKS_LISTED}` }),
  sourceLockCount: Type.Integer(),
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
        summary: 'Accounts, searchable by username or name; with their sign-in locks (everywhere, or per address or device)',
        querystring: Type.Object(
          { q: Type.Optional(ShortText(64)), locked: Type.Optional(Type.Boolean({ description: 'Only accounts locked now, anywhere' })), ...Pagination },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AccountItem) }), ...problemResponses },
      },
    },
    async (request) => {
      const { q, locked, limit = 50, offset = 0 } = request.query;
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const utc = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
      const conditions = [
        pattern ? sql`(a.username ilike ${pattern} or a.display_name ilike ${pattern})` : undefined,
        locked
          ? sql`(a.locked_until > now() or exists (select 1 from login_failures lf where lf.account_id = a.id and lf.locked_until > now()))`
          : undefined,
      ].filter((c) => c !== undefined);
      const rows = await app.db.execute<Static<typeof AccountItem> & { total: number }>(sql`
        select a.id, a.username, a.display_name as "displayName", a.disabled, a.must_change_password as "mustChangePassword",
          case when a.locked_until > now() then ${utc(sql`a.locked_until`)} end as "lockedUntil",
          ${utc(sql`a.last_login_at`)} as "lastLoginAt",
          array(select r.role::text from account_roles r where r.account_id = a.id order by 1) as roles,
          coalesce((select json_agg(l order by l."lockedUntil" desc) from (
            select lf.source_kind as kind, case when lf.source_kind = 'ip' then lf.source end as ip,
              case when d.id is not null then json_build_object('id', d.id, 'name', d.name) end as device,
              lf.failures, ${utc(sql`lf.locked_until`)} as "lockedUntil"
            from login_failures lf
            left join devices d on lf.source_kind = 'device' and d.id::text = lf.source
            where lf.account_id = a.id and lf.locked_until > now()
            order by lf.locked_until desc limit ${SOURCE_LOCKS_LISTED}) l), '[]'::json) as "sourceLocks",
          (select count(*)::int from login_failures lf where lf.account_id = a.id and lf.locked_until > now()) as "sourceLockCount",
          count(*) over ()::int as total
        from accounts a
        ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
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
        // A new password is a fresh start: the guesses at the old one no longer lock anybody out.
        const locks = await clearLocks(tx, request.params.id);
        if (!locks) throw notFound('account');
        await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: true }).where(eq(accounts.id, request.params.id));
        const ended = await revokeAccountSessions(tx, request.params.id);
        await recordAudit(tx, request, {
          action: 'account.password_reset',
          objectType: 'account',
          objectId: request.params.id,
          before: locks.lockedUntil || locks.sourceLocks.length ? locks : null,
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
      schema: {
        tags: ['admin'],
        summary: 'Lift every sign-in lock of an account (everywhere and per address or device) and start its counts over',
        params: IdParams,
        response: { 204: { type: 'null' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const before = await clearLocks(tx, request.params.id);
        if (!before) throw notFound('account');
        await recordAudit(tx, request, {
          action: 'account.unlocked',
          objectType: 'account',
          objectId: request.params.id,
          before,
          after: { lockedUntil: null, sourceLocks: [] },
        });
      });
      return reply.code(204).send(null);
    },
  );
};

export default adminAccountRoutes;
