/**
 * The "my ticket" page's live logic, kept pure so it can be tested: reading the ticket from the
 * socket, and deciding when its holder must be told "go to window N" (once per call, again on a
 * recall, never for a state the page merely loaded).
 */
import { isTicketStatus, type LiveEvent, type TicketStatus } from '@campus/server/client/live';
import type { Ticket } from './api';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The ticket topic's snapshot and `ticket.updated` data: the whole ticket, when it is this one. */
export function ticketFromLive(data: unknown, id: string): Ticket | null {
  if (!isRecord(data)) return null;
  if (typeof data.id !== 'string' || data.id.toLowerCase() !== id.toLowerCase()) return null;
  if (typeof data.number !== 'string' || typeof data.status !== 'string' || !isTicketStatus(data.status)) return null;
  if (typeof data.ahead !== 'number' || typeof data.estimatedWaitMinutes !== 'number' || !isRecord(data.service)) return null;
  return data as unknown as Ticket;
}

/** Within three of the front and still waiting: time to walk over. */
/** Two or fewer ahead, and a window calling its line: "快到您了" is never said for a closed one. */
export const nearlyUp = (ticket: Pick<Ticket, 'status' | 'ahead' | 'openWindows'>) => ticket.status === 'waiting' && ticket.ahead <= 2 && ticket.openWindows > 0;

export interface CallNotice {
  number: string;
  /** The window's number; null when the event did not say and the ticket does not know yet. */
  window: number | null;
  recall: boolean;
}

type Known = Pick<Ticket, 'status' | 'number' | 'window'>;

/**
 * Watches one ticket for calls. Feed it every new state of the ticket (HTTP reads, snapshots,
 * `ticket.updated`) and every event of its topic; it answers the notice to show, or null.
 */
export class CallWatch {
  #status: TicketStatus | null = null;
  /** The holder was told about the current call already (from the event or from the status). */
  #told = false;

  /** A new state of the ticket. The first one only sets the scene: a page opened on a called ticket shows its banner, not an alarm. */
  ticket(next: Known): CallNotice | null {
    const before = this.#status;
    this.#status = next.status;
    if (next.status !== 'called') {
      this.#told = false;
      return null;
    }
    if (before === null) {
      this.#told = true;
      return null;
    }
    if (before === 'called' || this.#told) return null;
    this.#told = true;
    return { number: next.number, window: next.window?.number ?? null, recall: false };
  }

  /** An event of the ticket's topic: `ticket.called` (unless its status already told) and every `ticket.recalled`. */
  event(event: LiveEvent, ticket: Known | null): CallNotice | null {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return null;
    const data = isRecord(event.data) ? event.data : {};
    const recall = event.type === 'ticket.recalled';
    if (!recall && this.#told) return null;
    this.#told = true;
    this.#status = 'called';
    const number = typeof data.number === 'string' ? data.number : (ticket?.number ?? '');
    const window = typeof data.windowNumber === 'number' ? data.windowNumber : (ticket?.window?.number ?? null);
    return { number, window, recall };
  }

  /** Another ticket: start over. */
  reset(): void {
    this.#status = null;
    this.#told = false;
  }
}
