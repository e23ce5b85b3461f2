import { randomInt } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { appendAudit, hashPassword, schema, type AuditSource, type Db } from '@campus/db';
import { notFound } from '../common/problem.ts';
import { clearLocks } from './lockout.ts';
import { SOURCE_LOCKS_LISTED, type AccountItem } from './schemas.ts';
import { revokeAccountSessions } from './sessions.ts';

/** What admins do with accounts: find them with their locks, reset a password, lift the locks. */

const { accounts } = schema;

/** Readable, unambiguous temporary passwords (no 0/O, 1/l/I). */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Accounts by username or name, optionally only those locked now, with their sign-in locks. */
export async function listAccounts(db: Db, query: { q?: string | undefined; locked?: boolean | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const { q, locked, limit = 50, offset = 0 } = query;
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const utc = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  const conditions = [
    pattern ? sql`(a.username ilike ${pattern} or a.display_name ilike ${pattern})` : undefined,
    locked
      ? sql`(a.locked_until > now() or exists (select 1 from login_failures lf where lf.account_id = a.id and lf.locked_until > now()))`
      : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db.execute<Static<typeof AccountItem> & { total: number }>(sql`
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
}

/** Sets a temporary password (returned), ends the account's sessions and forces a change at the next sign-in. */
export async function resetPassword(db: Db, who: AuditSource, accountId: number): Promise<string> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    // A new password is a fresh start: the guesses at the old one no longer lock anybody out.
    const locks = await clearLocks(tx, accountId);
    if (!locks) throw notFound('account');
    await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: true }).where(eq(accounts.id, accountId));
    const ended = await revokeAccountSessions(tx, accountId);
    await appendAudit(tx, who, {
      action: 'account.password_reset',
      objectType: 'account',
      objectId: accountId,
      before: locks.lockedUntil || locks.sourceLocks.length ? locks : null,
      after: { mustChangePassword: true, sessionsEnded: ended },
    });
  });
  return password;
}

/** Lifts every sign-in lock of an account, everywhere and per source, and starts its counts over. */
export async function unlockAccount(db: Db, who: AuditSource, accountId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await clearLocks(tx, accountId);
    if (!before) throw notFound('account');
    await appendAudit(tx, who, {
      action: 'account.unlocked',
      objectType: 'account',
      objectId: accountId,
      before,
      after: { lockedUntil: null, sourceLocks: [] },
    });
  });
}
