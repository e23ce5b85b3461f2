import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, appendAudit, type AuditSource } from '@campus/db';

/**
 * Where a sign-in attempt comes from: the client address as Fastify resolves it with TRUST_PROXY,
 * or the device for a caller that presents a device token (a kiosk has one address for many people).
 */
export interface LoginSource {
  kind: 'ip' | 'device';
  value: string;
}

export function loginSource(request: Pick<FastifyRequest, 'ip' | 'actor'>): LoginSource {
  return request.actor.kind === 'device' ? { kind: 'device', value: String(request.actor.deviceId) } : { kind: 'ip', value: request.ip };
}

export interface LockoutSettings {
  /** Consecutive wrong passwords from one source that lock the account for that source. */
  maxFailures: number;
  lockMinutes: number;
  /** Wrong passwords from every source together, within the window, that lock it everywhere. */
  accountMaxFailures: number;
  accountWindowMinutes: number;
}

/** Why sign-in is refused for a while: enough for the person to be told when and why. */
export type Lock =
  | { scope: 'source'; sourceKind: LoginSource['kind']; until: Date; failures: number }
  | { scope: 'account'; until: Date; failures: number; windowMinutes: number };

interface LockRows extends Record<string, unknown> {
  account_until: Date | null;
  source_until: Date | null;
}

/** The lock, if any, that refuses this source now. The account-wide one wins: it is the wider. */
export async function currentLock(db: Db, accountId: number, source: LoginSource, settings: LockoutSettings): Promise<Lock | null> {
  const [row] = await db.execute<LockRows>(sql`
    select case when a.locked_until > now() then a.locked_until end as account_until,
      (select lf.locked_until from login_failures lf
        where lf.account_id = a.id and lf.source_kind = ${source.kind} and lf.source = ${source.value} and lf.locked_until > now()) as source_until
    from accounts a where a.id = ${accountId}`);
  return lockFrom(row, source, settings);
}

function lockFrom(row: LockRows | undefined, source: LoginSource, settings: LockoutSettings): Lock | null {
  if (row?.account_until) {
    return { scope: 'account', until: new Date(row.account_until), failures: settings.accountMaxFailures, windowMinutes: settings.accountWindowMinutes };
  }
  if (row?.source_until) return { scope: 'source', sourceKind: source.kind, until: new Date(row.source_until), failures: settings.maxFailures };
  return null;
}

/**
 * Counts one wrong password for the source and for the account, each in one atomic statement, so
 * failures made at the same moment through any number of processes all count, and exactly one of
 * them places a lock (the one whose count reaches the threshold); that one is audited with it.
 * Returns the lock now in force, if any, and whether this failure placed it.
 */
export async function recordFailure(
  db: Db,
  accountId: number,
  source: LoginSource,
  settings: LockoutSettings,
  audit: AuditSource,
): Promise<{ lock: Lock; justLocked: boolean } | null> {
  return db.transaction(async (tx) => {
    // Rows are always taken in this order (source, then account), here, on success and on unlock.
    const [perSource] = await tx.execute<{ failures: number; locked_until: Date | null }>(sql`
      insert into login_failures as lf (account_id, source_kind, source, failures, last_failed_at)
      values (${accountId}, ${source.kind}, ${source.value}, 1, now())
      on conflict (account_id, source_kind, source) do update set
        failures = case when lf.locked_until <= now() then 1 else lf.failures + 1 end,
        locked_until = case
          when lf.locked_until <= now() then null
          when lf.failures + 1 >= ${settings.maxFailures} then coalesce(lf.locked_until, now() + make_interval(mins => ${settings.lockMinutes}))
          else lf.locked_until end,
        last_failed_at = now()
      returning failures, case when locked_until > now() then locked_until end as locked_until`);
    // The account-wide count runs in a window opened by its first failure; it starts over when the
    // window has passed or an account-wide lock has run out.
    const restart = sql`(failure_window_started_at is null
      or failure_window_started_at <= now() - make_interval(mins => ${settings.accountWindowMinutes})
      or locked_until <= now())`;
    const [account] = await tx.execute<{ failed_attempts: number; locked_until: Date | null }>(sql`
      update accounts set
        failed_attempts = case when ${restart} then 1 else failed_attempts + 1 end,
        failure_window_started_at = case when ${restart} then now() else failure_window_started_at end,
        locked_until = case
          when ${restart} then null
          when failed_attempts + 1 >= ${settings.accountMaxFailures}
            then coalesce(locked_until, now() + make_interval(mins => ${settings.lockMinutes}))
          else locked_until end,
        failures_since_login = failures_since_login + 1
      where id = ${accountId}
      returning failed_attempts, case when locked_until > now() then locked_until end as locked_until`);

    const sourceLocked = perSource?.failures === settings.maxFailures && perSource.locked_until !== null;
    const accountLocked = account?.failed_attempts === settings.accountMaxFailures && account.locked_until !== null;
    if (sourceLocked) {
      await appendAudit(tx, audit, {
        action: 'account.locked',
        objectType: 'account',
        objectId: accountId,
        after: {
          scope: 'source',
          sourceKind: source.kind,
          source: source.value,
          failures: settings.maxFailures,
          lockedUntil: new Date(perSource.locked_until!).toISOString(),
        },
      });
    }
    if (accountLocked) {
      await appendAudit(tx, audit, {
        action: 'account.locked',
        objectType: 'account',
        objectId: accountId,
        after: {
          scope: 'account',
          failures: settings.accountMaxFailures,
          windowMinutes: settings.accountWindowMinutes,
          lockedUntil: new Date(account.locked_until!).toISOString(),
        },
      });
    }
    const lock = lockFrom({ account_until: account?.locked_until ?? null, source_until: perSource?.locked_until ?? null }, source, settings);
    if (!lock) return null;
    return { lock, justLocked: lock.scope === 'account' ? accountLocked : sourceLocked };
  });
}

export interface SourceLockSummary {
  kind: LoginSource['kind'];
  source: string;
  failures: number;
  lockedUntil: string;
}

/**
 * Lifts every lock of an account (an admin's unlock, a password reset): the account-wide one and
 * each source's, and starts their counts over. Returns what was in force, for the audit row.
 */
export async function clearLocks(tx: Tx, accountId: number): Promise<{ lockedUntil: string | null; sourceLocks: SourceLockSummary[] } | null> {
  const sources = await tx.execute<{ kind: LoginSource['kind']; source: string; failures: number; locked_until: Date }>(sql`
    with cleared as (
      select account_id, source_kind, source, failures, locked_until from login_failures
      where account_id = ${accountId} order by source_kind, source for update)
    update login_failures lf set failures = 0, locked_until = null from cleared c
    where lf.account_id = c.account_id and lf.source_kind = c.source_kind and lf.source = c.source
    returning c.source_kind as kind, c.source, c.failures, case when c.locked_until > now() then c.locked_until end as locked_until`);
  const [account] = await tx.execute<{ locked_until: Date | null }>(sql`
    with old as (select id, locked_until from accounts where id = ${accountId} for update)
    update accounts a set failed_attempts = 0, failure_window_started_at = null, locked_until = null from old
    where a.id = old.id
    returning case when old.locked_until > now() then old.locked_until end as locked_until`);
  if (!account) return null;
  return {
    lockedUntil: account.locked_until ? new Date(account.locked_until).toISOString() : null,
    sourceLocks: sources
      .filter((s) => s.locked_until !== null)
      .map((s) => ({ kind: s.kind, source: s.source, failures: s.failures, lockedUntil: new Date(s.locked_until).toISOString() })),
  };
}
