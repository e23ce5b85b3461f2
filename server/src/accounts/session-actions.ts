import { appendAudit, type AuditSource, type Db } from '@campus/db';
import { createSession, revokeAccountSessions, revokeSession, type SessionSettings } from './sessions.ts';

/** Opening and ending sign-in sessions, each change audited in its transaction. */

/** A new session for an account whose password was just accepted; `who` names that account as the actor. */
export async function openSession(db: Db, who: AuditSource & { ip: string }, accountId: number, userAgent: string | undefined, settings: SessionSettings) {
  return db.transaction(async (tx) => {
    const created = await createSession(tx, accountId, { ip: who.ip, userAgent }, settings);
    await appendAudit(tx, who, { action: 'auth.login', objectType: 'account', objectId: accountId, after: { sessionId: created.id } });
    return created;
  });
}

export async function endSession(db: Db, who: AuditSource, accountId: number, sessionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSession(tx, sessionId);
    await appendAudit(tx, who, { action: 'auth.logout', objectType: 'account', objectId: accountId });
  });
}

/** Sign out everywhere: every session of the account ends. */
export async function endAllSessions(db: Db, who: AuditSource, accountId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await revokeAccountSessions(tx, accountId);
    await appendAudit(tx, who, { action: 'auth.logout_all', objectType: 'account', objectId: accountId, after: { sessionsEnded: ended } });
  });
}
