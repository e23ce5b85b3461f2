/**
 * A ticket's history as the clerk reads it: one line per transition, in the UI's language, told
 * from the entries themselves (type, status, window number, who acted, the service). Ids and the
 * system's own texts never reach the screen.
 */
import type { TicketHistoryEntry } from './api';
import type { MessageKey } from './i18n/zh';
import type { Words } from './i18n/translate';

export interface HistoryLine {
  at: string;
  type: string;
  /** What happened: 叫号 / 转办至「校园卡补办」… */
  text: string;
  /** Where: 20 号窗口. */
  where: string | null;
  /** Who, when a person other than the window itself: 张老师. */
  who: string | null;
  /** What a clerk typed: a transfer or park note, the reason for calling out of order. */
  note: string | null;
}

const OUTCOMES = new Set(['done', 'materials_missing', 'referred']);
const CHANNELS = new Set(['kiosk', 'online', 'appointment', 'transfer']);

/** Demo clerks (and some halls) name an account after its window: "20号窗口" next to "20 号窗口" says nothing. */
function namesTheWindow(name: string, windowNumber: number | null): boolean {
  if (windowNumber === null) return false;
  const squashed = name.replace(/\s+/g, '').toLowerCase();
  return squashed === `${windowNumber}号窗口` || squashed === `window${windowNumber}`;
}

export function historyLines(entries: readonly TicketHistoryEntry[], { t, loc }: Words): HistoryLine[] {
  const windowText = (n: number | null) => (n === null ? null : t('window.one', { n }));
  const service = (e: TicketHistoryEntry) => loc(e.serviceNameZh, e.serviceNameEn);

  /** The ticket a transfer created: the next 'issued' entry of another ticket in the chain. */
  const successorOf = (i: number) => entries.slice(i + 1).find((e) => e.type === 'issued' && e.ticketId !== entries[i]!.ticketId) ?? null;

  function text(e: TicketHistoryEntry, i: number): string {
    switch (e.type) {
      case 'issued':
        if (e.channel === 'transfer') return t('history.transferredIn');
        return CHANNELS.has(e.channel) ? t('history.issuedVia', { channel: t(`channel.${e.channel}` as MessageKey) }) : t('history.issued');
      case 'called':
        return t('history.called');
      case 'recalled':
        return t('history.recalled');
      case 'started':
        return t('history.started');
      case 'finished':
        return OUTCOMES.has(e.toStatus) ? t('history.finishedAs', { outcome: t(`ticketStatus.${e.toStatus}` as MessageKey) }) : t('history.finished');
      case 'no_show':
        return t('history.noShow');
      case 'cancelled':
        return e.actor === 'holder' ? t('history.cancelledByHolder') : e.actor === 'staff' ? t('history.cancelledByStaff') : t('history.cancelled');
      case 'transferred': {
        const next = successorOf(i);
        if (!next) return t('history.transferred');
        const to = windowText(next.windowNumber);
        return to ? t('history.transferredToAt', { service: service(next), window: to }) : t('history.transferredTo', { service: service(next) });
      }
      case 'parked':
        return t('history.parked');
      case 'rejoined':
        return t('history.rejoined');
      case 'expired':
        return t('history.expired');
      default:
        return t('history.other');
    }
  }

  return entries.map((e, i) => ({
    at: e.at,
    type: e.type,
    text: text(e, i),
    // A transfer's new ticket: the window it was sent to is already in the line before.
    where: e.type === 'issued' ? null : windowText(e.windowNumber),
    who: e.actor === 'staff' && e.clerk && e.type !== 'issued' && !namesTheWindow(e.clerk, e.windowNumber) ? e.clerk : null,
    note: e.reason,
  }));
}
