import { eq, sql } from 'drizzle-orm';
import { hashPassword, schema, verifyPassword, type Db } from '@campus/db';

const { accounts } = schema;

export type LoginOutcome =
  | { ok: true; accountId: number }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'account_locked'; lockedUntil: Date; justLocked: boolean; accountId: number }
  | { ok: false; reason: 'account_disabled' };

export interface LockoutSettings {
  maxFailures: number;
  lockMinutes: number;
}

/** Unknown usernames still cost one argon2 verification, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-' + Math.random()));

/**
 * Checks a password against the account, counting consecutive failures in Postgres so the lockout
 * holds across processes and restarts. While locked, even the right password is refused.
 */
export async function attemptLogin(db: Db, username: string, password: string, settings: LockoutSettings): Promise<LoginOutcome> {
  const [account] = await db
    .select({ id: accounts.id, hash: accounts.passwordHash, lockedUntil: accounts.lockedUntil, disabled: accounts.disabled })
    .from(accounts)
    .where(eq(accounts.username, username));
  if (!account) {
    await verifyPassword(await dummy(), password);
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    return { ok: false, reason: 'account_locked', lockedUntil: account.lockedUntil, justLocked: false, accountId: account.id };
  }
  if (!(await verifyPassword(account.hash, password))) {
    // One atomic statement: concurrent failures all count, and an expired lock starts a fresh count.
    const [row] = await db
      .update(accounts)
      .set({
        failedAttempts: sql`case when ${accounts.lockedUntil} is not null and ${accounts.lockedUntil} <= now() then 1 else ${accounts.failedAttempts} + 1 end`,
        lockedUntil: sql`case
          when ${accounts.lockedUntil} is not null and ${accounts.lockedUntil} <= now() then null
          when ${accounts.failedAttempts} + 1 >= ${settings.maxFailures} then now() + make_interval(mins => ${settings.lockMinutes})
          else ${accounts.lockedUntil} end`,
      })
      .where(eq(accounts.id, account.id))
      .returning({ lockedUntil: accounts.lockedUntil });
    if (row?.lockedUntil && row.lockedUntil > new Date()) {
      return { ok: false, reason: 'account_locked', lockedUntil: row.lockedUntil, justLocked: true, accountId: account.id };
    }
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (account.disabled) return { ok: false, reason: 'account_disabled' };
  await db
    .update(accounts)
    .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(accounts.id, account.id));
  return { ok: true, accountId: account.id };
}
