import { eq } from 'drizzle-orm';
import { appendAudit, recordTicketEvents, schema, type AuditSource, type Db } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { notifyHeadsUp } from './heads-up.ts';
import { assertTransition } from './transitions.ts';
import { lockTicketAtMyWindow } from './window-sessions.ts';

const { tickets } = schema;

/**
 * Cancels a ticket, by its holder or by a clerk of its service (who may read it: checked before).
 * A clerk cancels tickets of their line; one already at a window only at their own, in their open session.
 */
export async function cancelTicket(
  db: Db,
  who: AuditSource,
  ticketId: string,
  by: 'holder' | { accountId: number; windowIds: readonly number[] },
  headsUpPosition: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
    // A clerk cancels tickets of their line; one already at a window only at their own, in their open session.
    if (by !== 'holder' && row!.windowId !== null && row!.status !== 'waiting') await lockTicketAtMyWindow(tx, row!.id, by);
    assertTransition('cancel', row!.status);
    const now = new Date();
    await tx.update(tickets).set({ status: 'cancelled', finishedAt: now, updatedAt: now }).where(eq(tickets.id, row!.id));
    await recordTicketEvents(tx, {
      ticketId: row!.id,
      type: 'cancelled',
      fromStatus: row!.status,
      toStatus: 'cancelled',
      actorAccountId: who.actor.accountId,
      reason: by === 'holder' ? 'by holder' : 'by clerk',
    });
    await appendAudit(tx, who, { action: 'ticket.cancelled', objectType: 'ticket', objectId: row!.id, before: { status: row!.status }, after: { status: 'cancelled' } });
    await notifyHeadsUp(tx, row!.serviceId, row!.hallDate, headsUpPosition, now);
    await appendEvent(tx, 'ticket.cancelled', { ticketId: row!.id, number: row!.number, serviceId: row!.serviceId });
  });
}
