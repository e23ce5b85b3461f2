import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@campus/db';
import type { LoginSource } from './lockout.ts';

/** The notification kind that tells a person about wrong passwords since their last sign-in. */
const SIGN_IN_FAILURES = 'account.sign_in_failures';

/** Payload of a SIGN_IN_FAILURES notification (desk-ui's api.ts types it too). */
export interface SignInFailuresPayload {
  /** Wrong passwords for the account since the last sign-in, from anywhere. */
  failures: number;
  /** Of those, the ones from the source that has just signed in (most likely the person's own typos). */
  failuresHere: number;
  /** Distinct sources (addresses, devices) they came from. */
  sources: number;
  /** The previous sign-in; null when there was none. */
  since: string | null;
  lastFailureAt: string | null;
  /** Locks placed since then, newest first (at most five), and how many in all. */
  locks: { scope: 'source' | 'account'; sourceKind: LoginSource['kind'] | null; at: string; until: string }[];
  lockCount: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * After the right password: resets this source's count, records the sign-in, and — when someone
 * else got the password wrong or a lock was placed since the last sign-in — leaves the person a
 * notification saying so. A person's own typos just before signing in are not worth telling.
 */
export async function recordSuccess(db: Db, accountId: number, source: LoginSource): Promise<SignInFailuresPayload | null> {
  return db.transaction(async (tx) => {
    // Source rows first, then the account: the order every lockout statement takes its locks in.
    // With this source's row go the rows that no longer count or lock anything (cleared by an
    // admin, or a lock that has run out: the next failure there would start from one anyway).
    const gone = await tx.execute<{ here: boolean; failures: number; last_failed_at: Date }>(sql`
      delete from login_failures
      where account_id = ${accountId}
        and ((source_kind = ${source.kind} and source = ${source.value}) or (failures = 0 and locked_until is null) or locked_until <= now())
      returning source_kind = ${source.kind} and source = ${source.value} as here, failures, last_failed_at`);
    const [account] = await tx.execute<{ since: Date | null; failures: number }>(sql`
      with old as (select id, last_login_at, failures_since_login from accounts where id = ${accountId} for update)
      update accounts a set failures_since_login = 0, last_login_at = now(),
        locked_until = case when a.locked_until <= now() then null else a.locked_until end
      from old where a.id = old.id
      returning old.last_login_at as since, old.failures_since_login as failures`);
    if (!account || account.failures === 0) return null;
    const notice = await describeSince(tx, accountId, account, gone);
    if (notice.failures - notice.failuresHere <= 0 && notice.lockCount === 0) return null;
    await tx.execute(sql`insert into notifications (account_id, kind, payload)
      values (${accountId}, ${SIGN_IN_FAILURES}, ${JSON.stringify(notice)}::jsonb)`);
    return notice;
  });
}

async function describeSince(
  tx: Tx,
  accountId: number,
  account: { since: Date | null; failures: number },
  gone: readonly { here: boolean; failures: number; last_failed_at: Date }[],
): Promise<SignInFailuresPayload> {
  const since = account.since === null ? null : new Date(account.since);
  const after = since ? sql`> ${since.toISOString()}::timestamptz` : sql`is not null`;
  const [kept] = await tx.execute<{ sources: number; last: Date | null }>(sql`
    select count(*)::int as sources, max(last_failed_at) as last from login_failures
    where account_id = ${accountId} and last_failed_at ${after}`);
  const locks = await tx.execute<{ at: Date; after: { scope: 'source' | 'account'; sourceKind?: LoginSource['kind']; lockedUntil: string }; total: number }>(sql`
    select at, after, count(*) over ()::int as total from audit_log
    where action = 'account.locked' and object_type = 'account' and object_id = ${String(accountId)} and at ${after}
    order by id desc limit 5`);
  const goneSince = gone.filter((g) => since === null || new Date(g.last_failed_at) > since);
  const here = goneSince.find((g) => g.here);
  const lastFailures = [kept?.last ?? null, ...goneSince.map((g) => g.last_failed_at)].filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
  return {
    failures: account.failures,
    failuresHere: here ? Math.min(here.failures, account.failures) : 0,
    sources: (kept?.sources ?? 0) + goneSince.length,
    since: iso(since),
    lastFailureAt: lastFailures.length ? new Date(Math.max(...lastFailures)).toISOString() : null,
    locks: locks.map((l) => ({ scope: l.after.scope, sourceKind: l.after.sourceKind ?? null, at: new Date(l.at).toISOString(), until: l.after.lockedUntil })),
    lockCount: locks[0]?.total ?? 0,
  };
}
