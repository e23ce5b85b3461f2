import { and, asc, eq } from 'drizzle-orm';
import { appendAudit, recordTicketEvents, schema, type AuditSource, type Db, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError, notFound } from '../common/problem.ts';
import { assertTransition } from './transitions.ts';

/** What the holder of a ticket does with it: rejoin after a no-show, rate it. */

const { ticketFeedback, tickets } = schema;

type TicketRow = typeof tickets.$inferSelect;

const audit = (tx: Tx, source: AuditSource, action: string, row: TicketRow, after: Record<string, unknown>) =>
  appendAudit(tx, source, { action, objectType: 'ticket', objectId: row.id, before: { status: row.status }, after });

/**
 * A no-show may rejoin within the grace period, going back into line near where they were: behind
 * the two people now at the front of their service's line, ahead of everyone else.
 */
export async function rejoin(db: Db, ticketId: string, graceMinutes: number, who: AuditSource) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
    if (!row) throw notFound('ticket');
    assertTransition('rejoin', row.status);
    if (!row.finishedAt || Date.now() - row.finishedAt.getTime() > graceMinutes * 60_000) {
      throw new AppError(409, 'rejoin_too_late', 'The time to rejoin has passed', `A no-show may rejoin within ${graceMinutes} minutes; take a new ticket.`);
    }
    const front = await tx
      .select({ queuedAt: tickets.queuedAt })
      .from(tickets)
      .where(and(eq(tickets.serviceId, row.serviceId), eq(tickets.hallDate, row.hallDate), eq(tickets.status, 'waiting'), eq(tickets.priority, row.priority)))
      .orderBy(asc(tickets.queuedAt))
      .limit(2);
    const behind = front.at(-1)?.queuedAt;
    const queuedAt = behind && behind > row.queuedAt ? new Date(behind.getTime() + 1) : row.queuedAt;
    await tx
      .update(tickets)
      .set({ status: 'waiting', queuedAt, windowId: null, calledAt: null, finishedAt: null, finishedBy: null, updatedAt: new Date() })
      .where(eq(tickets.id, row.id));
    await recordTicketEvents(tx, { ticketId: row.id, type: 'rejoined', fromStatus: 'no_show', toStatus: 'waiting', actorAccountId: who.actor.accountId, deviceId: who.actor.deviceId });
    await audit(tx, who, 'ticket.rejoined', row, { status: 'waiting' });
    await appendEvent(tx, 'ticket.rejoined', { ticketId: row.id, number: row.number, serviceId: row.serviceId });
  });
}

/** 好差评: the holder rates a finished ticket once, 1–5 on attitude, efficiency and outcome. */
export async function rateTicket(db: Db, row: TicketRow, rating: { attitude: number; efficiency: number; outcome: number; comment?: string | undefined }, who: AuditSource) {
  if (!['done', 'materials_missing', 'referred'].includes(row.status)) throw new AppError(409, 'not_finished', 'Only a finished ticket can be rated');
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(ticketFeedback)
      .values({ ticketId: row.id, attitude: rating.attitude, efficiency: rating.efficiency, outcome: rating.outcome, comment: rating.comment ?? null })
      .onConflictDoNothing()
      .returning({ ticketId: ticketFeedback.ticketId });
    if (inserted.length === 0) throw new AppError(409, 'feedback_exists', 'This ticket has been rated already');
    await audit(tx, who, 'ticket.rated', row, { attitude: rating.attitude, efficiency: rating.efficiency, outcome: rating.outcome });
  });
}
