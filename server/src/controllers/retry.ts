import { sql } from 'drizzle-orm';
import { appendAudit, retryFailedGrant, type AuditSource, type Db } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';

/**
 * A lock clerk or admin tries a failed controller command again: one transaction for the grant,
 * its new command (the outbox row) and the audit row.
 */
export async function retryGrant(db: Db, who: AuditSource, grantId: number): Promise<{ id: number; status: 'pending' | 'revoke_pending'; version: number }> {
  return db.transaction(async (tx) => {
    const [grant] = await tx.execute<{ status: string; card_no: string; door_name: string; controller: string | null; last_error: string | null }>(sql`
      select g.status, c.card_no, d.name_zh as door_name, ctl.code as controller, g.last_error
        from lock_grants g join cards c on c.id = g.card_id join doors d on d.id = g.door_id
        left join controllers ctl on ctl.id = d.controller_id
       where g.id = ${grantId} for update of g`);
    if (!grant) throw notFound('lock_grant');
    const change = await retryFailedGrant(tx, grantId);
    if (!change) {
      throw new AppError(409, 'grant_not_failed', 'Only a failed command can be retried', `This grant is ${grant.status}: its command has not failed.`);
    }
    const status = change.command === 'grant' ? 'pending' : 'revoke_pending';
    await appendAudit(tx, who, {
      action: 'lock_grant.retried',
      objectType: 'lock_grant',
      objectId: grantId,
      before: { status: 'failed', lastError: grant.last_error },
      after: { status, command: change.command, version: change.version, cardNumber: grant.card_no, doorNameZh: grant.door_name, controller: grant.controller },
    });
    return { id: grantId, status, version: change.version };
  });
}
