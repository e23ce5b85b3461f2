import { sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db } from '@campus/db';
import { auditNames } from './audit-names.ts';
import type { AuditQuery } from './schemas.ts';

/** A page of the audit log, newest first, filtered; with the names of the objects it mentions. */
export async function readAuditLog(db: Db, q: Static<typeof AuditQuery>) {
  const limit = q.limit ?? 50;
  const where: SQL[] = [sql`true`];
  if (q.actor) where.push(sql`a.username = ${q.actor}`);
  if (q.action) where.push(sql`l.action like ${q.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (q.objectType) where.push(sql`l.object_type = ${q.objectType}`);
  if (q.objectId) where.push(sql`l.object_id = ${q.objectId}`);
  if (q.from) where.push(sql`l.at >= ${q.from}::timestamptz`);
  if (q.to) where.push(sql`l.at < ${q.to}::timestamptz`);
  if (q.beforeId) where.push(sql`l.id < ${q.beforeId}`);
  const rows = await db.execute<{
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
    db,
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
}
