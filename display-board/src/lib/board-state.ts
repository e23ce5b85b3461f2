/**
 * The board's state: a snapshot, then one pure step per event, exactly as "How the board applies
 * them" in docs/live-updates.md says. Immutable, so the page can hold it in `$state.raw`.
 */
import { Check } from 'typebox/value';
import {
  BoardEventSchema,
  BoardSnapshotSchema,
  type BoardEvent,
  type BoardEventPayloads,
  type BoardEventType,
  type BoardSnapshot,
  type BoardWindow,
  type CurrentTicket,
} from '@campus/server/client/live';

export type BoardState = BoardSnapshot;

/** The server sends today's last 10 calls; the board keeps no more than that either. */
export const RECENT_CALLS_KEPT = 10;

/** A board event this code knows how to apply, its data as the protocol says; anything else (a newer server's event) is skipped. */
export const isBoardEvent = (value: unknown): value is BoardEvent => Check(BoardEventSchema, value);

/** A snapshot as the protocol says: one that is not is dropped, and the board keeps what it shows. */
export const isBoardSnapshot = (value: unknown): value is BoardSnapshot => Check(BoardSnapshotSchema, value);

export function applySnapshot(data: BoardSnapshot): BoardState {
  return {
    now: data.now,
    timeZone: data.timeZone,
    windows: [...data.windows].sort((a, b) => a.number - b.number),
    families: [...data.families],
    recentCalls: data.recentCalls.slice(0, RECENT_CALLS_KEPT),
    notices: [...data.notices],
  };
}

export function applyEvent(state: BoardState, event: BoardEvent): BoardState {
  switch (event.type) {
    case 'ticket.issued':
    case 'ticket.rejoined':
      return withWaiting(state, event.data);
    case 'ticket.called': {
      const { number, windowId, windowNumber, appointment } = event.data;
      const current: CurrentTicket = { number, status: 'called', calledAt: event.at };
      return withWaiting(
        {
          ...state,
          windows: updateWindow(state.windows, windowId, (w) => ({ ...w, current })),
          recentCalls: withCall(state.recentCalls, { number, windowId, windowNumber, at: event.at, recall: false, ...(appointment ? { appointment } : {}) }),
        },
        event.data,
      );
    }
    case 'ticket.recalled': {
      const { number, windowId, windowNumber } = event.data;
      return { ...state, recentCalls: withCall(state.recentCalls, { number, windowId, windowNumber, at: event.at, recall: true }) };
    }
    case 'ticket.started': {
      const { number, windowId } = event.data;
      return {
        ...state,
        windows: updateWindow(state.windows, windowId, (w) => ({
          ...w,
          // Same ticket: keep when it was called. A ticket the board never saw called still is the one served.
          current: { number, status: 'serving', calledAt: w.current?.number === number ? w.current.calledAt : null },
        })),
      };
    }
    case 'ticket.finished':
    case 'ticket.no_show':
    case 'ticket.parked': {
      const { number, windowId } = event.data;
      return {
        ...state,
        windows: updateWindow(state.windows, windowId, (w) => (w.current?.number === number ? { ...w, current: null } : w)),
      };
    }
    case 'ticket.cancelled':
    case 'ticket.expired':
    case 'ticket.transferred': {
      const { number } = event.data;
      const windows = state.windows.some((w) => w.current?.number === number)
        ? state.windows.map((w) => (w.current?.number === number ? { ...w, current: null } : w))
        : state.windows;
      return withWaiting({ ...state, windows }, event.data);
    }
    case 'window.opened':
      return { ...state, windows: updateWindow(state.windows, event.data.windowId, (w) => ({ ...w, state: 'open' })) };
    case 'window.paused':
      return { ...state, windows: updateWindow(state.windows, event.data.windowId, (w) => ({ ...w, state: 'paused' })) };
    case 'window.closed':
      return {
        ...state,
        windows: updateWindow(state.windows, event.data.windowId, (w) => ({ ...w, state: 'closed', current: null })),
      };
    case 'notices.changed':
      return { ...state, notices: [...event.data.notices] };
    default:
      return state;
  }
}

/** The call or recall an event asks the hall to hear, if any. */
export function callOf(event: BoardEvent): { number: string; windowId: number; windowNumber: number; recall: boolean } | null {
  if (event.type === 'ticket.called' || event.type === 'ticket.recalled') {
    const { number, windowId, windowNumber } = event.data;
    return { number, windowId, windowNumber, recall: event.type === 'ticket.recalled' };
  }
  return null;
}

function updateWindow(windows: BoardWindow[], windowId: number, change: (w: BoardWindow) => BoardWindow): BoardWindow[] {
  // A window the snapshot does not list (retired since) is not the board's business.
  if (!windows.some((w) => w.id === windowId)) return windows;
  return windows.map((w) => (w.id === windowId ? change(w) : w));
}

function withCall(calls: BoardState['recentCalls'], call: BoardState['recentCalls'][number]) {
  return [call, ...calls].slice(0, RECENT_CALLS_KEPT);
}

type WaitingChange = { [K in BoardEventType]: BoardEventPayloads[K] extends { familyWaiting: number } ? K : never }[BoardEventType];

function withWaiting(state: BoardState, { familyCode, familyWaiting }: BoardEventPayloads[WaitingChange]): BoardState {
  if (!state.families.some((f) => f.code === familyCode && f.waiting !== familyWaiting)) return state;
  return { ...state, families: state.families.map((f) => (f.code === familyCode ? { ...f, waiting: familyWaiting } : f)) };
}
