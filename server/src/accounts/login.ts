import { eq } from 'drizzle-orm';
import { hashPassword, schema, verifyPassword, type Db, type AuditSource } from '@campus/db';
import { currentLock, recordFailure, type Lock, type LockoutSettings, type LoginSource } from './lockout.ts';
import { recordSuccess } from './sign-in-notice.ts';

const { accounts } = schema;

export type LoginOutcome =
  | { ok: true; accountId: number }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'account_locked'; lock: Lock; accountId: number }
  | { ok: false; reason: 'account_disabled' };

/** Unknown usernames still cost one argon2 verification, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-' + Math.random()));

/**
 * Checks a password against the account. Failures are counted in Postgres per account and source
 * and account-wide, so locks hold across processes and restarts. While a lock refuses this source,
 * even the right password is refused, and the password is not checked at all.
 */
export async function attemptLogin(
  db: Db,
  attempt: { username: string; password: string; source: LoginSource; audit: AuditSource },
  settings: LockoutSettings,
): Promise<LoginOutcome> {
  const [account] = await db
    .select({ id: accounts.id, hash: accounts.passwordHash, disabled: accounts.disabled })
    .from(accounts)
    .where(eq(accounts.username, attempt.username));
  if (!account) {
    await verifyPassword(await dummy(), attempt.password);
    return { ok: false, reason: 'invalid_credentials' };
  }
  const lock = await currentLock(db, account.id, attempt.source, settings);
  if (lock) return { ok: false, reason: 'account_locked', lock, accountId: account.id };
  if (!(await verifyPassword(account.hash, attempt.password))) {
    const failed = await recordFailure(db, account.id, attempt.source, settings, attempt.audit);
    if (failed) return { ok: false, reason: 'account_locked', lock: failed.lock, accountId: account.id };
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (account.disabled) return { ok: false, reason: 'account_disabled' };
  await recordSuccess(db, account.id, attempt.source);
  return { ok: true, accountId: account.id };
}
