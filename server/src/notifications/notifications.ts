import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { notFound } from '../common/problem.ts';

const { notifications } = schema;

/** An account's own notifications, newest first (optionally only unread), a page of them, and how many in all. */
export async function listNotifications(db: Db, accountId: number, query: { unread?: boolean | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const { limit = 50, offset = 0 } = query;
  const where = and(eq(notifications.accountId, accountId), query.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [count]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(where),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map((n) => ({ id: n.id, kind: n.kind, payload: n.payload, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
  };
}

/** Marks one of the account's own notifications read; another's id does not exist for it (404). */
export async function markNotificationRead(db: Db, accountId: number, id: number): Promise<void> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('notification');
}
