import type { Job, Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@campus/db';
import type { JobPayloads } from '../queues.ts';

type ExpirePayload = JobPayloads['cards']['card.expire'];

/** The instant a card stops working: the midnight after its last valid day, in the hall's zone (002, 2.6.3). */
export function validityEndsAt(validUntil: string, hallTz: string): Date {
  return DateTime.fromISO(validUntil, { zone: hallTz }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Deterministic: a card has at most one expiry job, found, moved and removed by its id alone. */
export function expireJobId(cardId: number): string {
  return `card-expire-${cardId}`;
}

type CardRow = { id: number; status: string; valid_until: string | null };

/**
 * Brings a card's expiry job in line with its row: one delayed `card.expire` at the end of its
 * validity while it is active with a validity date, none otherwise. A job made for another date
 * (validity extended) is removed and added again, since BullMQ ignores an add whose id exists.
 * Returns when the job fires, or null when there is none.
 */
export async function syncCardExpiry(db: Db, queue: Queue, hallTz: string, cardId: number, now: Date): Promise<string | null> {
  const [row] = await db.execute<CardRow>(sql`select id, status::text as status, valid_until::text as valid_until from cards where id = ${cardId}`);
  return syncRow(queue, hallTz, cardId, row ?? null, now);
}

async function syncRow(queue: Queue, hallTz: string, cardId: number, row: CardRow | null, now: Date): Promise<string | null> {
  const id = expireJobId(cardId);
  const wanted = row?.status === 'active' && row.valid_until !== null ? row.valid_until : null;
  const existing = (await queue.getJob(id)) as Job<ExpirePayload> | undefined;
  if (existing) {
    if (wanted && existing.data.validUntil === wanted && (await existing.isDelayed())) return validityEndsAt(wanted, hallTz).toISOString();
    // A job being run re-reads the row and finds nothing to do; it cannot be removed meanwhile.
    if (!(await existing.isActive())) await existing.remove();
  }
  if (!wanted) return null;
  const fireAt = validityEndsAt(wanted, hallTz);
  const data: ExpirePayload = { cardId, validUntil: wanted };
  await queue.add('card.expire', data, { jobId: id, delay: Math.max(0, fireAt.getTime() - now.getTime()), removeOnComplete: true, removeOnFail: 100 });
  return fireAt.toISOString();
}

/** Periodic repair: expiry jobs for the active cards whose validity ends within the next two days. */
export async function syncUpcomingExpiries(db: Db, queue: Queue, hallTz: string, now: Date): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: hallTz }).toISODate()!;
  const rows = await db.execute<CardRow>(sql`
    select id, status::text as status, valid_until::text as valid_until from cards
     where status = 'active' and valid_until between ${today}::date and ${today}::date + 2`);
  for (const row of rows) await syncRow(queue, hallTz, row.id, row, now);
  return rows.length;
}
