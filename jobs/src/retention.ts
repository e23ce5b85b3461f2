import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@campus/db';

/** How long each kind of row is kept after it stopped mattering (server config RETAIN_*). */
export interface RetentionPolicy {
  /** Published board events older than this (and never today's). */
  hallEventsDays: number;
  /** Sign-in sessions this long after they expired, went idle or were revoked; a source's old wrong-password count likewise. */
  sessionsDays: number;
  /** The idle lifetime of a session: one unused this long ended then. */
  sessionIdleMinutes: number;
  /** Notifications already read, this long after they were created. */
  notificationsDays: number;
}

export interface PruneResult {
  hallEvents: number;
  sessions: number;
  notifications: number;
  loginFailures: number;
}

/** Rows per delete: each statement is short, so no lock is held for long and the outbox keeps moving. */
export const PRUNE_BATCH = 2000;

/** Deletes what the statement selects, one batch per statement, until a batch comes back short. */
async function inBatches(db: Db, deleteBatch: (limit: number) => SQL, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(deleteBatch(batch));
    total += result.count;
    if (result.count < batch) return total;
  }
}

/**
 * The hourly housekeeping: without it the outbox, the sessions and the notifications grow forever.
 * Board events are kept whole for today — the board's last calls are read from today's events —
 * and unpublished ones are never touched (the relay still owes them to Redis). The newest event
 * always stays, so the sequence a board resumes from never goes backwards.
 */
export async function pruneOldRows(db: Db, hallTz: string, policy: RetentionPolicy, batch = PRUNE_BATCH): Promise<PruneResult> {
  const hallEvents = await inBatches(
    db,
    (limit) => sql`delete from hall_events where seq in (
      select seq from hall_events
      where published_at is not null
        and created_at < least(now() - make_interval(days => ${policy.hallEventsDays}),
                               date_trunc('day', now() at time zone ${hallTz}) at time zone ${hallTz})
        and seq < (select max(seq) from hall_events)
      order by seq limit ${limit})`,
    batch,
  );
  const sessions = await inBatches(
    db,
    (limit) => sql`delete from auth_sessions where id in (
      select id from auth_sessions
      where expires_at < now() - make_interval(days => ${policy.sessionsDays})
         or revoked_at < now() - make_interval(days => ${policy.sessionsDays})
         or last_seen_at < now() - make_interval(days => ${policy.sessionsDays}, mins => ${policy.sessionIdleMinutes})
      limit ${limit})`,
    batch,
  );
  const notifications = await inBatches(
    db,
    (limit) => sql`delete from notifications where id in (
      select id from notifications
      where read_at is not null and created_at < now() - make_interval(days => ${policy.notificationsDays})
      limit ${limit})`,
    batch,
  );
  // Wrong-password counts of sources that never came back (a success clears its own): once their
  // last failure is as old as an ended session and no lock of theirs is in force, they say nothing.
  const loginFailures = await inBatches(
    db,
    (limit) => sql`delete from login_failures where (account_id, source_kind, source) in (
      select account_id, source_kind, source from login_failures
      where last_failed_at < now() - make_interval(days => ${policy.sessionsDays})
        and (locked_until is null or locked_until < now())
      limit ${limit})`,
    batch,
  );
  return { hallEvents, sessions, notifications, loginFailures };
}
