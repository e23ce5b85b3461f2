import { and, eq, gt, isNull } from 'drizzle-orm';
import { appendAudit, schema, type AuditSource, type Db } from '@campus/db';
import { AppError } from '../common/problem.ts';

const { bookingSuspensions, people } = schema;

/**
 * A clerk or admin lifts a person's suspensions in force, audited. The no-shows stay recorded, so a
 * later no-show counts them again within the window: lifting forgives the wait, not the record.
 */
export async function liftSuspension(db: Db, source: AuditSource, personId: number, now: Date): Promise<{ lifted: number }> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, personId));
    if (!person) throw new AppError(404, 'person_not_found', 'No student or staff member has this id');
    const lifted = await tx
      .update(bookingSuspensions)
      .set({ liftedAt: now, liftedBy: source.actor.accountId })
      .where(and(eq(bookingSuspensions.personId, personId), isNull(bookingSuspensions.liftedAt), gt(bookingSuspensions.endsAt, now)))
      .returning({ id: bookingSuspensions.id, endsAt: bookingSuspensions.endsAt });
    if (lifted.length === 0) throw new AppError(404, 'suspension_not_found', 'This person’s booking is not suspended');
    await appendAudit(
      tx,
      source,
      lifted.map((s) => ({
        action: 'booking_suspension.lifted',
        objectType: 'person',
        objectId: String(personId),
        before: { suspensionId: s.id, endsAt: s.endsAt.toISOString() },
        after: { liftedAt: now.toISOString() },
      })),
    );
    return { lifted: lifted.length };
  });
}
