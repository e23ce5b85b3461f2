import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { schema, type Tx } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';

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

/**
 * The clerk's own open session on this window, locked, or a problem saying what is wrong: none open
 * (409 no_open_session), another clerk's (403 not_your_window), or on a break (409 session_paused).
 * Every clerk action on the line or a ticket requires it (see `lockTicketAtMyWindow`).
 */
export async function requireOwnOpenSession(tx: Tx, windowId: number, accountId: number): Promise<LiveSession> {
  const session = await liveSession(tx, windowId);
  if (!session) throw new AppError(409, 'no_open_session', 'Open a session on this window first');
  checkOwnOpen(session, accountId);
  return session;
}

/**
 * `requireOwnOpenSession`, the tickets the window is busy with and its number, in one round trip:
 * what call-next reads before it claims.
 */
export async function requireOwnOpenSessionAndLoad(tx: Tx, windowId: number, accountId: number) {
  const [row] = await tx
    .select({
      session: windowSessions,
      windowNumber: windows.number,
      busy: sql<{ id: string; number: string; status: string }[]>`(select coalesce(json_agg(json_build_object('id', t.id, 'number', t.number, 'status', t.status)), '[]'::json)
        from tickets t where t.window_id = ${windowSessions.windowId} and t.status in ('called', 'serving'))`.mapWith((v: unknown) =>
        typeof v === 'string' ? (JSON.parse(v) as { id: string; number: string; status: string }[]) : (v as { id: string; number: string; status: string }[]),
      ),
    })
    .from(windowSessions)
    .innerJoin(windows, eq(windows.id, windowSessions.windowId))
    .where(and(eq(windowSessions.windowId, windowId), ne(windowSessions.status, 'closed')))
    .for('update', { of: windowSessions });
  if (!row) throw new AppError(409, 'no_open_session', 'Open a session on this window first');
  checkOwnOpen(row.session, accountId);
  return row;
}

function checkOwnOpen(session: LiveSession, accountId: number): void {
  if (session.accountId !== accountId) throw new AppError(403, 'not_your_window', 'Another clerk is at this window');
  if (session.status === 'paused') throw new AppError(409, 'session_paused', 'The window is on a break; resume it first');
}

export type TicketRow = typeof tickets.$inferSelect;

/**
 * The one rule for a clerk's action on a ticket at a window (recall, start, no-show, finish, the
 * checklist, park, transfer, cancelling a called or parked ticket): the ticket is at one of the
 * clerk's windows (otherwise it does not exist for them: 404), and the clerk holds that window's
 * session, open. Loads and locks the ticket row for the rest of the transaction.
 */
export async function lockTicketAtMyWindow(tx: Tx, ticketId: string, clerk: { accountId: number; windowIds: readonly number[] }): Promise<TicketRow> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!row || row.windowId === null || !clerk.windowIds.includes(row.windowId)) throw notFound('ticket');
  await requireOwnOpenSession(tx, row.windowId, clerk.accountId);
  return row;
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
