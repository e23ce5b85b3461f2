import type { TicketStatus } from '@campus/db/ticket-status';
import { AppError } from '../common/problem.ts';

/**
 * The ticket state machine. Every change of status goes through `assertTransition`, so an illegal
 * one answers 409 with a stable code instead of corrupting the queue.
 */
export type { TicketStatus } from '@campus/db/ticket-status';

export type TicketAction = 'call' | 'recall' | 'start' | 'park' | 'finish' | 'no_show' | 'cancel' | 'transfer' | 'rejoin' | 'expire';

/** A ticket in one of these still holds its place or a window's attention. */
export const ACTIVE_STATUSES = ['waiting', 'called', 'serving', 'parked'] as const satisfies readonly TicketStatus[];
export const FINAL_STATUSES = ['done', 'materials_missing', 'referred', 'no_show', 'cancelled', 'transferred', 'expired'] as const;

const ALLOWED: Record<TicketAction, readonly TicketStatus[]> = {
  call: ['waiting', 'parked'],
  recall: ['called'],
  start: ['called'],
  park: ['called', 'serving'],
  finish: ['serving'],
  no_show: ['called'],
  cancel: ['waiting', 'called', 'parked'],
  transfer: ['called', 'serving'],
  rejoin: ['no_show'],
  expire: ['waiting', 'parked'],
};

export function canTransition(action: TicketAction, from: TicketStatus): boolean {
  return ALLOWED[action].includes(from);
}

export class IllegalTransition extends AppError {
  constructor(action: TicketAction, from: TicketStatus) {
    super(409, 'illegal_transition', 'This step is not possible for the ticket now', `Cannot ${action.replace('_', '-')} a ticket that is ${from.replace('_', ' ')}`);
  }
}

export function assertTransition(action: TicketAction, from: TicketStatus): void {
  if (!canTransition(action, from)) throw new IllegalTransition(action, from);
}
