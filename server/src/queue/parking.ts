import { eq } from 'drizzle-orm';
import { appendAudit, recordTicketEvents, schema, type Db } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import type { ClerkContext } from './clerk-actions.ts';
import { assertTransition } from './transitions.ts';
import { lockTicketAtMyWindow, windowNumber } from './window-sessions.ts';

const { tickets } = schema;

/** The holder stepped away to fetch a document: the ticket waits at this window, keeping its place. */
export async function park(db: Db, ctx: ClerkContext, ticketId: string, note?: string) {
  await db.transaction(async (tx) => {
    const row = await lockTicketAtMyWindow(tx, ticketId, ctx);
    assertTransition('park', row.status);
    await tx.update(tickets).set({ status: 'parked', note: note ?? row.note, updatedAt: new Date() }).where(eq(tickets.id, row.id));
    await recordTicketEvents(tx, { ticketId: row.id, type: 'parked', fromStatus: row.status, toStatus: 'parked', actorAccountId: ctx.accountId, windowId: row.windowId, reason: note ?? null });
    await appendAudit(tx, ctx, { action: 'ticket.parked', objectType: 'ticket', objectId: row.id, before: { status: row.status }, after: { status: 'parked' } });
    await appendEvent(tx, 'ticket.parked', { ticketId: row.id, number: row.number, windowId: row.windowId!, windowNumber: await windowNumber(tx, row.windowId!) });
  });
}
