/**
 * The board side of the `/ws` protocol (docs/live-updates.md). Nothing here carries personal data:
 * ticket numbers, windows, counts and notices only.
 */

export type WindowState = 'open' | 'paused' | 'closed';

export interface CurrentTicket {
  number: string;
  status: 'called' | 'serving';
  calledAt: string | null;
}

export interface BoardWindow {
  id: number;
  number: number;
  nameZh: string;
  nameEn: string;
  familyCode: string;
  state: WindowState;
  /** Taken out of service by the hall, whatever the clerk's session says. */
  suspended: boolean;
  current: CurrentTicket | null;
  closesAt: string | null;
  nextOpensAt: string | null;
}

export interface BoardFamily {
  code: string;
  nameZh: string;
  nameEn: string;
  ticketPrefix: string;
  waiting: number;
}

export interface RecentCall {
  number: string;
  windowId: number;
  windowNumber: number;
  at: string;
  recall: boolean;
}

export interface BoardNotice {
  id: number;
  textZh: string;
  textEn: string | null;
  startsAt: string;
  endsAt: string | null;
}

export interface BoardSnapshot {
  now: string;
  timeZone: string;
  windows: BoardWindow[];
  families: BoardFamily[];
  recentCalls: RecentCall[];
  notices: BoardNotice[];
}

interface FamilyWaiting {
  familyCode: string;
  familyWaiting: number;
}

interface AtWindow {
  number: string;
  windowId: number;
  windowNumber: number;
}

interface WindowRef {
  windowId: number;
  windowNumber: number;
}

/** What each board event carries (`event.data`), by `event.type`. */
export interface BoardEventPayloads {
  'ticket.issued': { number: string; serviceId: number; priority: boolean } & FamilyWaiting;
  'ticket.called': AtWindow & { serviceId: number } & FamilyWaiting;
  'ticket.recalled': AtWindow & { recallCount: number };
  'ticket.started': AtWindow;
  'ticket.finished': AtWindow & { outcome: string };
  'ticket.no_show': AtWindow;
  'ticket.parked': AtWindow;
  'ticket.cancelled': { number: string; serviceId: number } & FamilyWaiting;
  'ticket.expired': { number: string; serviceId: number } & FamilyWaiting;
  'ticket.rejoined': { number: string; serviceId: number } & FamilyWaiting;
  'ticket.transferred': { number: string; serviceId: number } & FamilyWaiting;
  'window.opened': WindowRef;
  'window.paused': WindowRef;
  'window.closed': WindowRef;
  'notices.changed': { notices: BoardNotice[] };
}

export type BoardEventType = keyof BoardEventPayloads;

export type BoardEvent = {
  [T in BoardEventType]: { type: T; at: string; data: BoardEventPayloads[T] };
}[BoardEventType];
