import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db, appendAudit, type AuditActor, recordTicketEvents } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError, notFound } from '../shared/problem.ts';
import type { ClerkContext } from './clerk-actions.ts';
import { hallDate } from './hall-day.ts';
import { notifyHeadsUp } from './heads-up.ts';
import { assertTransition } from './transitions.ts';
import { currentTickets, requireOwnOpenSession, windowNumber } from './window-sessions.ts';

const { serviceWindows, tickets, windowSessions } = schema;

export interface CallContext {
  windowId: number;
  /** Heads-up notification position (config). */
  headsUpPosition: number;
  accountId: number;
  actor: AuditActor;
  ip: string;
  requestId: string;
}

/**
 * Calls the next ticket for a window: checked-in appointments first, then priority tickets, then
 * arrival order — except that after `priority_run` priority calls in a row a waiting normal ticket
 * goes first, so priority never starves the line. `FOR UPDATE SKIP LOCKED` lets clerks call at the
 * same instant without ever getting the same ticket or waiting on each other.
 */
export async function callNext(db: Db, hallTz: string, ctx: CallContext): Promise<{ id: string; number: string } | null> {
  return db.transaction(async (tx) => {
    const session = await requireOwnOpenSession(tx, ctx.windowId, ctx.accountId);
    const busy = await currentTickets(tx, ctx.windowId);
    if (busy.length > 0) {
      throw new AppError(409, 'ticket_in_progress', 'Finish the current ticket first', `Ticket ${busy[0]!.number} is ${busy[0]!.status}`);
    }
    const [next] = await tx.execute<{ id: string; number: string; priority: boolean; service_id: number; status: 'waiting' }>(sql`
      select t.id, t.number, t.priority, t.service_id, t.status from tickets t
      join services s on s.id = t.service_id
      where t.status = 'waiting' and t.hall_date = ${hallDate(hallTz)}
        and t.service_id in (select sw.service_id from service_windows sw where sw.window_id = ${ctx.windowId})
        and (t.assigned_account_id is null or t.assigned_account_id = ${ctx.accountId})
        and (t.window_id is null or t.window_id = ${ctx.windowId})
      order by (t.channel = 'appointment') desc,
        case when ${session.priorityStreak} >= s.priority_run then t.priority::int else 1 - t.priority::int end,
        t.queued_at, t.seq
      limit 1
      for update of t skip locked`);
    if (!next) return null;

    const now = new Date();
    await tx
      .update(tickets)
      .set({ status: 'called', windowId: ctx.windowId, calledAt: now, calledBy: ctx.accountId, updatedAt: now })
      .where(eq(tickets.id, next.id));
    await tx
      .update(windowSessions)
      .set({ priorityStreak: next.priority ? session.priorityStreak + 1 : 0 })
      .where(eq(windowSessions.id, session.id));
    await recordTicketEvents(tx, {
      ticketId: next.id,
      type: 'called',
      fromStatus: 'waiting',
      toStatus: 'called',
      actorAccountId: ctx.accountId,
      windowId: ctx.windowId,
      at: now,
    });
    await appendAudit(tx, ctx, {
      action: 'ticket.called',
      objectType: 'ticket',
      objectId: next.id,
      before: { status: 'waiting' },
      after: { status: 'called', windowId: ctx.windowId },
    });
    await notifyHeadsUp(tx, next.service_id, hallDate(hallTz), ctx.headsUpPosition);
    const number = await windowNumber(tx, ctx.windowId);
    await appendEvent(tx, 'ticket.called', { ticketId: next.id, number: next.number, serviceId: next.service_id, windowId: ctx.windowId, windowNumber: number });
    return { id: next.id, number: next.number };
  });
}

/**
 * Calls a particular ticket out of order (with a reason, recorded), or calls back a parked one.
 * Only a ticket call-next could give this window: of today, for a service the window serves, not
 * sent to another window or named for another clerk; a parked one only back at its own window.
 * Anything else does not exist for this window (404).
 */
export async function callSpecific(db: Db, ctx: ClerkContext & { windowId: number }, ticketId: string, reason: string) {
  return db.transaction(async (tx) => {
    await requireOwnOpenSession(tx, ctx.windowId, ctx.accountId);
    if ((await currentTickets(tx, ctx.windowId)).length > 0) throw new AppError(409, 'ticket_in_progress', 'Finish the current ticket first');
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
    if (!row) throw notFound('ticket');
    const [served] = await tx
      .select({ windowId: serviceWindows.windowId })
      .from(serviceWindows)
      .where(and(eq(serviceWindows.serviceId, row.serviceId), eq(serviceWindows.windowId, ctx.windowId)));
    const callableHere =
      served !== undefined &&
      row.hallDate === ctx.today &&
      (row.windowId === null || row.windowId === ctx.windowId) &&
      (row.assignedAccountId === null || row.assignedAccountId === ctx.accountId);
    if (!callableHere) throw notFound('ticket');
    assertTransition('call', row.status);
    const now = new Date();
    await tx.update(tickets).set({ status: 'called', windowId: ctx.windowId, calledAt: now, calledBy: ctx.accountId, updatedAt: now }).where(eq(tickets.id, row.id));
    await recordTicketEvents(tx, { ticketId: row.id, type: 'called', fromStatus: row.status, toStatus: 'called', actorAccountId: ctx.accountId, windowId: ctx.windowId, reason });
    await appendAudit(tx, ctx, { action: 'ticket.called_specific', objectType: 'ticket', objectId: row.id, before: { status: row.status }, after: { status: 'called', windowId: ctx.windowId, reason } });
    await appendEvent(tx, 'ticket.called', { ticketId: row.id, number: row.number, serviceId: row.serviceId, windowId: ctx.windowId, windowNumber: await windowNumber(tx, ctx.windowId) });
    return { id: row.id, number: row.number };
  });
}
