import type { Tx } from '../client.ts';
import { ticketEvents } from '../schema/index.ts';

/** One recorded change of a ticket: its history, and what the statistics will count. */
export type TicketTransition = typeof ticketEvents.$inferInsert;

/** Records ticket transitions in the caller's transaction, so the history commits with the change. */
export async function recordTicketEvents(tx: Tx, events: TicketTransition | TicketTransition[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  // Chunked: a statement takes at most 65,535 parameters.
  for (let i = 0; i < list.length; i += CHUNK) await tx.insert(ticketEvents).values(list.slice(i, i + CHUNK));
}

const CHUNK = 1000;
