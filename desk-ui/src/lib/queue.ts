import { ApiError, isTicketStatus, type Ticket } from './api';
import { formatMoment, formatWindows } from './format';
import { t, type MessageKey } from './i18n/lang.svelte';

/** A ticket status in words: 等候中, 请到窗口, 办理中… */
export function ticketStatusText(status: string): string {
  return isTicketStatus(status) ? t(`ticketStatus.${status}` as MessageKey) : status;
}

/** How a ticket was taken, in words: 现场取号, 线上取号, 预约, 转办. */
export function channelText(channel: string): string {
  return ['kiosk', 'online', 'appointment', 'transfer'].includes(channel) ? t(`channel.${channel}` as MessageKey) : channel;
}

/** Visual tone of a status: whether the holder is expected somewhere, done, or out of the line. */
export function statusTone(status: string): 'wait' | 'go' | 'ok' | 'warn' | 'off' {
  switch (status) {
    case 'waiting':
    case 'parked':
      return 'wait';
    case 'called':
    case 'serving':
      return 'go';
    case 'done':
      return 'ok';
    case 'materials_missing':
    case 'referred':
    case 'no_show':
      return 'warn';
    default:
      return 'off';
  }
}

/** The estimated wait in words: 约 12 分钟, or 即将叫号 when nobody is ahead. */
export function waitText(ticket: Pick<Ticket, 'estimatedWaitMinutes'>): string {
  return ticket.estimatedWaitMinutes > 0 ? t('ticket.waitMinutes', { n: ticket.estimatedWaitMinutes }) : t('ticket.waitNone');
}

export const isActiveTicket = (ticket: Pick<Ticket, 'status'>) =>
  ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'serving' || ticket.status === 'parked';

const ISO_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The problem's `detail`, when it has one. */
const detailOf = (err: ApiError) => err.detail ?? '';

/**
 * For 409 `ticket_already_active`: the ticket the person already holds. The API names it only in
 * the detail text (`Ticket H003 (uuid)`).
 */
export function activeTicketOf(err: unknown): { id: string | null; number: string | null } | null {
  if (!(err instanceof ApiError) || err.code !== 'ticket_already_active') return null;
  const detail = detailOf(err);
  return { id: UUID_IN_TEXT.exec(detail)?.[0] ?? null, number: /Ticket (\S+)/.exec(detail)?.[1] ?? null };
}

/** For 409 `transfer_target_closed`: the windows the ticket would wait for, none staffed now. */
export function windowNumbersOf(err: ApiError): number[] {
  const numbers = err.extras.windowNumbers;
  return Array.isArray(numbers) ? numbers.filter((n): n is number => typeof n === 'number') : [];
}

/**
 * A failed queue request as one sentence in the UI language. The codes the queue answers with get
 * their own words; anything else shows the problem's title and detail as the API sent them.
 */
export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const detail = detailOf(err);
  switch (err.code) {
    case 'network':
      return t('error.network');
    case 'service_closed': {
      const when = ISO_IN_TEXT.exec(detail)?.[0];
      return when ? t('queueError.serviceClosed', { when: formatMoment(when) }) : t('queueError.serviceClosedNoTime');
    }
    case 'daily_cap_reached':
      return t('queueError.dailyCap');
    case 'ticket_already_active': {
      const number = activeTicketOf(err)?.number;
      return number ? t('queueError.alreadyActive', { number }) : t('queueError.alreadyActiveNoNumber');
    }
    case 'person_not_found':
      return t('queueError.personNotFound');
    case 'rate_limited':
      return t('queueError.rateLimited');
    case 'invalid_token':
      return t('kiosk.invalidTitle');
    case 'window_staffed':
    case 'not_your_window':
      return t('queueError.windowStaffed');
    case 'clerk_busy': {
      const n = /window (\d+)/.exec(detail)?.[1];
      return n ? t('queueError.clerkBusy', { n }) : t('queueError.clerkBusyNoWindow');
    }
    case 'session_already_open':
      return t('queueError.sessionAlreadyOpen');
    case 'ticket_in_progress':
      return t('queueError.ticketInProgress');
    case 'priority_not_self_service':
      return t('queueError.priorityNotSelfService');
    case 'transfer_target_closed':
      return t('desk.transferClosedTitle', { windows: formatWindows(windowNumbersOf(err)) });
    case 'session_paused':
      return t('queueError.sessionPaused');
    case 'no_open_session':
      return t('queueError.noOpenSession');
    case 'checklist_incomplete':
      return t('queueError.checklistIncomplete', { list: detail.replace(/^Missing:\s*/, '') });
    case 'rejoin_too_late':
      return t('queueError.rejoinTooLate');
    case 'feedback_exists':
      return t('queueError.feedbackExists');
    case 'not_finished':
      return t('queueError.notFinished');
    case 'illegal_transition':
      return t('queueError.illegalTransition');
    case 'invalid_transfer':
      return t('queueError.invalidTransfer', { detail });
    case 'invalid_missing_materials':
      return t('queueError.invalidMissing');
    case 'loan_terms_required':
      return t('queueError.loanTermsRequired');
    case 'loan_needs_holder':
      return t('queueError.loanNeedsHolder');
    case 'invalid_due_date':
      return t('queueError.invalidDueDate');
    case 'ticket_not_found':
      return t('queueError.ticketNotFound');
    case 'forbidden':
      return t('queueError.forbidden');
    default:
      return detail && detail !== err.title ? `${err.title}${t('punct.colon')}${detail}` : err.title;
  }
}
