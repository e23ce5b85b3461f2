import { and, eq, ne } from 'drizzle-orm';
import { appendAudit, schema, type AuditSource, type Db } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError } from '../common/problem.ts';
import { currentTickets, liveSession, windowNumber } from './window-sessions.ts';

/** A clerk opens a session on a window, takes a break, resumes or closes it: audited, and an event for the board. */

const { windowSessions } = schema;

export type SessionStatus = 'open' | 'paused' | 'closed';

const toSession = (s: typeof windowSessions.$inferSelect) => ({ id: s.id, windowId: s.windowId, status: s.status, openedAt: s.openedAt.toISOString() });

/** One window per clerk, one clerk per window. */
export async function openWindowSession(db: Db, who: AuditSource, windowId: number, accountId: number) {
  const session = await db.transaction(async (tx) => {
    const existing = await liveSession(tx, windowId);
    if (existing) {
      throw existing.accountId === accountId
        ? new AppError(409, 'session_already_open', 'Your session on this window is already open')
        : new AppError(409, 'window_staffed', 'Another clerk is at this window');
    }
    const [elsewhere] = await tx
      .select({ windowId: windowSessions.windowId })
      .from(windowSessions)
      .where(and(eq(windowSessions.accountId, accountId), ne(windowSessions.status, 'closed')));
    if (elsewhere) {
      throw new AppError(409, 'clerk_busy', 'You already staff another window', `Close your session on window ${await windowNumber(tx, elsewhere.windowId)} first`);
    }
    const [row] = await tx.insert(windowSessions).values({ windowId, accountId }).returning();
    await appendAudit(tx, who, { action: 'window.opened', objectType: 'window', objectId: windowId, after: { sessionId: row!.id } });
    await appendEvent(tx, 'window.opened', { windowId, windowNumber: await windowNumber(tx, windowId) });
    return row!;
  });
  return toSession(session);
}

/** Pause (a break), resume or close the clerk's own session. */
export async function setWindowSession(db: Db, who: AuditSource, windowId: number, accountId: number, target: SessionStatus) {
  const session = await db.transaction(async (tx) => {
    const live = await liveSession(tx, windowId);
    if (!live || live.accountId !== accountId) throw new AppError(409, 'no_open_session', 'You have no session on this window');
    if (live.status === target) throw new AppError(409, 'illegal_transition', `The session is already ${target}`);
    // Every action on a ticket needs the session open: a break or closing waits until the window is free.
    if (target !== 'open' && (await currentTickets(tx, windowId)).length > 0) {
      throw new AppError(409, 'ticket_in_progress', target === 'closed' ? 'Finish the current ticket before closing the window' : 'Finish or park the current ticket before a break');
    }
    const now = new Date();
    const [row] = await tx
      .update(windowSessions)
      .set({ status: target, pausedAt: target === 'paused' ? now : null, closedAt: target === 'closed' ? now : null })
      .where(eq(windowSessions.id, live.id))
      .returning();
    const action = target === 'open' ? 'window.opened' : target === 'paused' ? 'window.paused' : 'window.closed';
    await appendAudit(tx, who, { action, objectType: 'window', objectId: windowId, before: { status: live.status }, after: { status: target } });
    await appendEvent(tx, action, { windowId, windowNumber: await windowNumber(tx, windowId) });
    return row!;
  });
  return toSession(session);
}
