import { eq } from 'drizzle-orm';
import { appendAudit, hashPassword, schema, verifyPassword, type AuditSource, type Db } from '@campus/db';
import { AppError } from '../common/problem.ts';
import { passwordCheck } from './password-policy.ts';
import { revokeAccountSessions } from './sessions.ts';

const { accounts } = schema;

/** The signed-in person changes their password; their other sessions end. */
export async function changePassword(
  db: Db,
  who: AuditSource,
  account: { accountId: number; username: string; sessionId: number },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const [row] = await db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, account.accountId));
  if (!row || !(await verifyPassword(row.hash, currentPassword))) {
    throw new AppError(403, 'wrong_password', 'The current password is wrong');
  }
  const problem = passwordCheck(newPassword, account.username);
  if (problem) throw new AppError(400, 'password_too_weak', 'Choose a stronger password', problem.message, problem.reason);
  if (newPassword === currentPassword) {
    throw new AppError(400, 'password_too_weak', 'Choose a stronger password', 'Use a password you have not just used.', 'reused');
  }
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: false }).where(eq(accounts.id, account.accountId));
    const ended = await revokeAccountSessions(tx, account.accountId, account.sessionId);
    await appendAudit(tx, who, {
      action: 'account.password_changed',
      objectType: 'account',
      objectId: account.accountId,
      after: { otherSessionsEnded: ended },
    });
  });
}
