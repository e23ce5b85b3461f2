import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { allow } from '../shared/access.ts';
import { problemResponses } from '../shared/problem.ts';
import { Nullable, SerialId, ShortText } from '../shared/schemas.ts';
import { AuditNames, auditNames } from './audit-names.ts';

const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({
    accountId: Nullable(Type.Integer()),
    username: Nullable(Type.String()),
    displayName: Nullable(Type.String()),
    role: Nullable(Type.String()),
    deviceId: Nullable(Type.Integer()),
    deviceName: Nullable(Type.String()),
  }),
  ip: Nullable(Type.String()),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const AuditQuery = Type.Object(
  {
    actor: Type.Optional(ShortText(64)),
    action: Type.Optional(ShortText(64)),
    objectType: Type.Optional(ShortText(40)),
    objectId: Type.Optional(ShortText(64)),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    beforeId: Type.Optional(SerialId),
  },
  { additionalProperties: false },
);

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
      const q = request.query;
      const limit = q.limit ?? 50;
      const where: SQL[] = [sql`true`];
      if (q.actor) where.push(sql`a.username = ${q.actor}`);
      if (q.action) where.push(sql`l.action like ${q.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
      if (q.objectType) where.push(sql`l.object_type = ${q.objectType}`);
      if (q.objectId) where.push(sql`l.object_id = ${q.objectId}`);
      if (q.from) where.push(sql`l.at >= ${q.from}::timestamptz`);
      if (q.to) where.push(sql`l.at < ${q.to}::timestamptz`);
      if (q.beforeId) where.push(sql`l.id < ${q.beforeId}`);
      const rows = await app.db.execute<{
        id: number;
        at: string;
        account_id: number | null;
        username: string | null;
        display_name: string | null;
        role: string | null;
        device_id: number | null;
        device_name: string | null;
        ip: string | null;
        action: string;
        object_type: string;
        object_id: string | null;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }>(sql`
        select l.id::int as id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
          l.actor_account_id as account_id, a.username, a.display_name, l.actor_role as role, l.device_id, d.name as device_name,
          l.ip, l.action, l.object_type, l.object_id, l.before, l.after
        from audit_log l
        left join accounts a on a.id = l.actor_account_id
        left join devices d on d.id = l.device_id
        where ${sql.join(where, sql` and `)}
        order by l.id desc limit ${limit + 1}`);
      const page = rows.slice(0, limit);
      const names = await auditNames(
        app.db,
        page.map((r) => ({ objectType: r.object_type, objectId: r.object_id, before: r.before, after: r.after })),
      );
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at,
          actor: { accountId: r.account_id, username: r.username, displayName: r.display_name, role: r.role, deviceId: r.device_id, deviceName: r.device_name },
          ip: r.ip,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          before: r.before,
          after: r.after,
        })),
        nextBeforeId: rows.length > limit ? page.at(-1)!.id : null,
        names,
      };
    },
  );
};

export default auditRoutes;
