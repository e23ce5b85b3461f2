import { and, eq, sql, type SQL } from 'drizzle-orm';
import { schema, type Db, type Tx, appendAudit, type AuditActor, recordTicketEvents } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError, notFound } from '../common/problem.ts';
import type { ClerkContext } from './clerk-actions.ts';
import { hallDate } from './hall-day.ts';
import { notifyHeadsUp } from './heads-up.ts';
import { appointmentDue } from './line-order.ts';
import { assertTransition } from './transitions.ts';
import { currentTickets, requireOwnOpenSession, requireOwnOpenSessionAndLoad, windowNumber } from './window-sessions.ts';

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
 * Calls the next ticket for a window: checked-in appointments whose slot has started first, then priority tickets, then
 * arrival order — except that after `priority_run` priority calls in a row a waiting normal ticket
 * goes first, so priority never starves the line. `FOR UPDATE SKIP LOCKED` lets clerks call at the
 * same instant without ever getting the same ticket or waiting on each other.
 */
export async function callNext(db: Db, hallTz: string, ctx: CallContext, now: Date): Promise<{ id: string; number: string } | null> {
  return db.transaction(async (tx) => {
    // Generic plans for this transaction's statements, sent with the first of them: Postgres
    // planned the claim and the heads-up read afresh for every call (their custom plans looked
    // cheaper on paper), 3.7 ms of its CPU per call against 1–2 ms of execution. The plans are the
    // same index walks whatever the window or day. call-next: 116 → 137 calls/s, Postgres CPU
    // per call 7.2 → 4.6 ms (bench/README.md).
    const [, { session, busy, windowNumber }] = await Promise.all([
      tx.execute(sql`set local plan_cache_mode = force_generic_plan`),
      requireOwnOpenSessionAndLoad(tx, ctx.windowId, ctx.accountId),
    ]);
    if (busy.length > 0) {
      throw new AppError(409, 'ticket_in_progress', 'Finish the current ticket first', `Ticket ${busy[0]!.number} is ${busy[0]!.status}`);
    }
    const day = hallDate(hallTz, now);
    const next = (await claimNext(tx, day, ctx, session.priorityStreak, CANDIDATES, now)) ?? (await claimNext(tx, day, ctx, session.priorityStreak, null, now));
    if (!next) return null;

    // The rest depends on nothing but the claim: sent together, one round trip (postgres-js
    // pipelines the statements of one tick on the transaction's connection). The heads-up reads
    // the line after the claim's update, which has run.
    const streak = next.priority ? session.priorityStreak + 1 : 0;
    await Promise.all([
      streak === session.priorityStreak ? null : tx.update(windowSessions).set({ priorityStreak: streak }).where(eq(windowSessions.id, session.id)).execute(),
      recordTicketEvents(tx, {
        ticketId: next.id,
        type: 'called',
        fromStatus: 'waiting',
        toStatus: 'called',
        actorAccountId: ctx.accountId,
        windowId: ctx.windowId,
        at: now,
      }),
      appendAudit(tx, ctx, {
        action: 'ticket.called',
        objectType: 'ticket',
        objectId: next.id,
        before: { status: 'waiting' },
        after: { status: 'called', windowId: ctx.windowId },
      }),
      notifyHeadsUp(tx, next.service_id, day, ctx.headsUpPosition, now),
      appendEvent(tx, 'ticket.called', {
        ticketId: next.id,
        number: next.number,
        serviceId: next.service_id,
        windowId: ctx.windowId,
        windowNumber,
        appointment: next.channel === 'appointment',
      }),
    ]);
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
    await appendEvent(tx, 'ticket.called', {
      ticketId: row.id,
      number: row.number,
      serviceId: row.serviceId,
      windowId: ctx.windowId,
      windowNumber: await windowNumber(tx, ctx.windowId),
      appointment: row.channel === 'appointment',
    });
    return { id: row.id, number: row.number };
  });
}

/**
 * How many of each service's plain waiting tickets (by arrival) call-next considers. More than
 * the clerks who can hold one locked at the same instant, so the first one free is among them.
 */
const CANDIDATES = 64;

type Claimed = { id: string; number: string; priority: boolean; service_id: number; channel: string };

/**
 * Locks the window's next ticket in call-next's order (checked-in appointments, then priority or
 * not by the fairness rule, then arrival and number), skipping tickets another clerk holds.
 * With `candidates`, only the first of each service's plain tickets by arrival (an index walk) and
 * its few special ones (appointments, priority, sent to a window or clerk) are sorted, instead of
 * the whole line (as an id array, so the outer query reads them by key); null means nothing was free among them, and the caller asks again over all.
 */
async function claimNext(tx: Tx, day: string, ctx: CallContext, streak: number, candidates: number | null, now: Date): Promise<Claimed | undefined> {
  const callable = sql`t.status = 'waiting' and t.hall_date = ${day}
    and (t.assigned_account_id is null or t.assigned_account_id = ${ctx.accountId})
    and (t.window_id is null or t.window_id = ${ctx.windowId})`;
  const line = sql`select sw.service_id from service_windows sw where sw.window_id = ${ctx.windowId}`;
  const among: SQL =
    candidates === null
      ? sql`t.service_id in (${line})`
      : sql`t.id = any(array(
          select c.id from (${line}) l, lateral (
            select t.id from tickets t
            where t.service_id = l.service_id and ${callable}
              and not t.priority and t.channel <> 'appointment' and t.window_id is null and t.assigned_account_id is null
            order by t.queued_at, t.seq limit ${candidates}) c
          union all
          select t.id from tickets t
          where t.service_id in (${line}) and ${callable}
            and (t.priority or t.channel = 'appointment' or t.window_id is not null or t.assigned_account_id is not null)))`;
  // Claimed and called in one statement: the row is locked and changed in the same round trip.
  const [next] = await tx.execute<Claimed>(sql`
    with next as (
      select t.id from tickets t
      join services s on s.id = t.service_id
      where ${among} and ${callable}
      order by ${appointmentDue('t', now)} desc,
        case when ${streak} >= s.priority_run then t.priority::int else 1 - t.priority::int end,
        t.queued_at, t.seq
      limit 1
      for update of t skip locked)
    update tickets t set status = 'called', window_id = ${ctx.windowId}, called_at = ${now.toISOString()}::timestamptz,
      called_by = ${ctx.accountId}, updated_at = ${now.toISOString()}::timestamptz
    from next where t.id = next.id
    returning t.id, t.number, t.priority, t.service_id, t.channel::text as channel`);
  return next;
}
