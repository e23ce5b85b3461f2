import { and, eq, inArray } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import type { Actor } from '../common/access.ts';
import type { TicketRow } from './ticket-view.ts';

/** Whether one of the clerk's windows serves the service. */
export async function clerkServesService(db: Db, actor: Actor, serviceId: number): Promise<boolean> {
  if (actor.kind !== 'account' || !actor.roles.has('clerk') || actor.windowIds.length === 0) return false;
  const [link] = await db
    .select({ windowId: schema.serviceWindows.windowId })
    .from(schema.serviceWindows)
    .where(and(eq(schema.serviceWindows.serviceId, serviceId), inArray(schema.serviceWindows.windowId, [...actor.windowIds])))
    .limit(1);
  return link !== undefined;
}

/** A clerk may act on tickets of the services their windows serve. */
export const clerkServesTicket = (db: Db, actor: Actor, row: TicketRow) => clerkServesService(db, actor, row.serviceId);

export function holdsTicket(actor: Actor, row: TicketRow): boolean {
  return actor.kind === 'account' && actor.personId !== null && actor.personId === row.personId;
}

/**
 * Who may see a ticket: its holder, the clerks of its service, admins. A walk-in ticket with no
 * holder is readable by whoever has its unguessable id (the QR code on the printed slip).
 * Everybody else gets 404, as if it did not exist.
 */
export async function mayReadTicket(db: Db, actor: Actor, row: TicketRow): Promise<boolean> {
  if (row.personId === null) return true;
  if (holdsTicket(actor, row)) return true;
  if (actor.kind === 'account' && actor.roles.has('admin')) return true;
  return clerkServesTicket(db, actor, row);
}
