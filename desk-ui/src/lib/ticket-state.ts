/** Pure facts about a ticket's state the pages word: which time ends it, and until when it may rejoin. */
import type { Ticket, TicketStatus } from './api';
import type { MessageKey } from './i18n/zh';

/** 办结时间 only for tickets that were served to an outcome; the others end with their own word. */
const FINAL_TIME_KEYS: Partial<Record<TicketStatus, MessageKey>> = {
  done: 'ticket.finishedAt',
  materials_missing: 'ticket.finishedAt',
  referred: 'ticket.finishedAt',
  no_show: 'ticket.noShowAt',
  cancelled: 'ticket.cancelledAt',
  expired: 'ticket.expiredAt',
  transferred: 'ticket.transferredAt',
};

/** The label of a ticket's final time (`finishedAt`), or null when its status has none. */
export const finalTimeKey = (status: TicketStatus): MessageKey | null => FINAL_TIME_KEYS[status] ?? null;

/**
 * Until when the holder of a no-show may go back into line: the server's `rejoinUntil`, while it
 * is still ahead of `now`. Null when the ticket cannot rejoin (any more).
 */
export function rejoinDeadline(ticket: Pick<Ticket, 'status' | 'rejoinUntil'>, now: Date): Date | null {
  if (ticket.status !== 'no_show' || !ticket.rejoinUntil) return null;
  const until = new Date(ticket.rejoinUntil);
  return Number.isNaN(until.getTime()) || until.getTime() <= now.getTime() ? null : until;
}
