import { desc, eq, sql } from 'drizzle-orm';
import { appendAudit, lockEventOrder, schema, type AuditSource, type Db, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { activeNotices } from '../live/snapshots.ts';
import { AppError, notFound } from '../common/problem.ts';
import type { NoticeChange, NoticeInput } from './schemas.ts';

/** The admins' notices: each change audited, and the boards told the whole list again in the same transaction. */

const { notices } = schema;

type Row = typeof notices.$inferSelect;
const toNotice = (n: Row, now = new Date()) => ({
  id: n.id,
  textZh: n.textZh,
  textEn: n.textEn,
  startsAt: n.startsAt.toISOString(),
  endsAt: n.endsAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
  active: n.startsAt <= now && (n.endsAt === null || n.endsAt > now),
});

const blankToNull = (text: string | null | undefined) => (text === undefined ? undefined : text === null || text.trim() === '' ? null : text.trim());

function checkPeriod(startsAt: Date, endsAt: Date | null): void {
  if (endsAt !== null && endsAt <= startsAt) {
    throw new AppError(422, 'notice_ends_before_start', 'A notice must end after it starts');
  }
}

/** Notices not yet ended at once: a board scrolls them all, and every board snapshot carries them whole. */
export const MAX_OPEN_NOTICES = 50;

/**
 * Tells every board: the whole list again, read under the event lock so concurrent edits cannot
 * cross. A change that would leave more than MAX_OPEN_NOTICES not ended is refused (and rolled back).
 */
async function announce(tx: Tx): Promise<void> {
  await lockEventOrder(tx);
  const open = await activeNotices(tx);
  if (open.length > MAX_OPEN_NOTICES) {
    throw new AppError(409, 'too_many_notices', 'Too many notices on the boards', `At most ${MAX_OPEN_NOTICES} notices may be running or scheduled at once; end some first.`);
  }
  await appendEvent(tx, 'notices.changed', { notices: open });
}

/** Every notice, newest first, a page of them, and how many in all. */
export async function listNotices(db: Db, limit: number, offset: number) {
  const [rows, [count]] = await Promise.all([
    db.select().from(notices).orderBy(desc(notices.createdAt), desc(notices.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notices),
  ]);
  const now = new Date();
  return { total: count?.n ?? 0, notices: rows.map((n) => toNotice(n, now)) };
}

export async function createNotice(db: Db, who: AuditSource, body: NoticeInput) {
  const startsAt = body.startsAt ? new Date(body.startsAt) : new Date();
  const endsAt = body.endsAt ? new Date(body.endsAt) : null;
  checkPeriod(startsAt, endsAt);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(notices)
      .values({ textZh: body.textZh.trim(), textEn: blankToNull(body.textEn) ?? null, startsAt, endsAt, createdBy: who.actor.accountId })
      .returning();
    await appendAudit(tx, who, { action: 'notice.created', objectType: 'notice', objectId: created!.id, after: toNotice(created!) });
    await announce(tx);
    return created!;
  });
  return toNotice(row);
}

export async function changeNotice(db: Db, who: AuditSource, id: number, body: NoticeChange) {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(notices).where(eq(notices.id, id)).for('update');
    if (!before) throw notFound('notice');
    const startsAt = body.startsAt ? new Date(body.startsAt) : before.startsAt;
    const endsAt = body.endsAt === undefined ? before.endsAt : body.endsAt === null ? null : new Date(body.endsAt);
    checkPeriod(startsAt, endsAt);
    const textEn = blankToNull(body.textEn);
    const [after] = await tx
      .update(notices)
      .set({ textZh: body.textZh?.trim() ?? before.textZh, textEn: textEn === undefined ? before.textEn : textEn, startsAt, endsAt })
      .where(eq(notices.id, before.id))
      .returning();
    await appendAudit(tx, who, { action: 'notice.changed', objectType: 'notice', objectId: before.id, before: toNotice(before), after: toNotice(after!) });
    await announce(tx);
    return after!;
  });
  return toNotice(row);
}

export async function deleteNotice(db: Db, who: AuditSource, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(notices).where(eq(notices.id, id)).returning();
    if (!gone) throw notFound('notice');
    await appendAudit(tx, who, { action: 'notice.deleted', objectType: 'notice', objectId: gone.id, before: toNotice(gone) });
    await announce(tx);
  });
}
