import { and, eq, inArray, ne } from 'drizzle-orm';
import { schema, type Tx } from '@campus/db';
import { AppError } from '../shared/problem.ts';

const { tickets, windowSessions, windows } = schema;

export type LiveSession = typeof windowSessions.$inferSelect;

/** The live (open or paused) session of a window, locked for the rest of the transaction. */
export async function liveSession(tx: Tx, windowId: number): Promise<LiveSession | undefined> {
  const [row] = await tx
    .select()
    .from(windowSessions)
    .where(and(eq(windowSessions.windowId, windowId), ne(windowSessions.status, 'closed')))
    .for('update');
  return row;
}

/** The clerk's own open session on this window, or a 409 saying what is wrong. */
export async function requireOwnOpenSession(tx: Tx, windowId: number, accountId: number): Promise<LiveSession> {
  const session = await liveSession(tx, windowId);
  if (!session || session.accountId !== accountId) {
    throw new AppError(409, 'no_open_session', 'Open a session on this window first');
  }
  if (session.status === 'paused') throw new AppError(409, 'session_paused', 'The window is on a break; resume it first');
  return session;
}

/** Tickets the window is busy with: called or being served. */
export async function currentTickets(tx: Tx, windowId: number) {
  return tx
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(and(eq(tickets.windowId, windowId), inArray(tickets.status, ['called', 'serving'])));
}

export async function windowNumber(tx: Tx, windowId: number): Promise<number> {
  const [w] = await tx.select({ number: windows.number }).from(windows).where(eq(windows.id, windowId));
  return w!.number;
}
