/**
 * What one board shows of the hall's state, given its URL configuration and the hall's clock.
 * Pure: the page derives everything it draws from these.
 */
import { dayKey } from '@campus/server/client/hall-clock';
import type { BoardConfig } from './board-config';
import type { BoardState } from './board-state';
import type { BoardFamily, BoardNotice, BoardWindow, RecentCall } from '@campus/server/client/live';

/**
 * How long the newest call stays in the big "now calling" box: about two rounds of its spoken
 * announcement and the walk to look up. Older calls sit in the list with their time.
 */
export const NEW_CALL_MS = 30_000;

export interface BoardView {
  windows: BoardWindow[];
  families: BoardFamily[];
  /** Today's calls this board shows, newest first. */
  calls: RecentCall[];
  /** The newest of them while it is new (made within NEW_CALL_MS of `now`); otherwise null. */
  announcing: RecentCall | null;
  /** Whether a call at this window is this board's to show and announce. */
  shows(windowId: number): boolean;
}

export function boardView(state: BoardState, config: BoardConfig, now: Date): BoardView {
  // Numbers or codes this hall does not have are ignored; if none is left, the filter is off.
  const numbers = known(config.windows, state.windows.map((w) => w.number));
  const codes = known(config.families, state.families.map((f) => f.code));
  const filtered = numbers !== null || codes !== null;

  const windows = state.windows.filter((w) => (numbers?.has(w.number) ?? true) && (codes?.has(w.familyCode) ?? true));
  const ids = new Set(windows.map((w) => w.id));
  const shownCodes = codes ?? (numbers ? new Set(windows.map((w) => w.familyCode)) : null);
  const today = dayKey(now, state.timeZone);

  const calls = state.recentCalls
    .filter((c) => (!filtered || ids.has(c.windowId)) && isDay(c.at, today, state.timeZone))
    .slice(0, config.calls);
  const newest = calls[0];

  return {
    windows,
    families: state.families.filter((f) => shownCodes?.has(f.code) ?? true),
    calls,
    announcing: newest && isNewCall(newest, now) ? newest : null,
    shows: (windowId) => !filtered || ids.has(windowId),
  };
}

/**
 * Whether a call is still news at `now`, which must be the hall's clock (the server's, as the board
 * keeps it), never the TV's own: a TV running minutes off would keep an old call "new", or never
 * show one. A call a moment "in the future" (the clocks differ by milliseconds) is new.
 */
export function isNewCall(call: RecentCall, now: Date, ms = NEW_CALL_MS): boolean {
  const at = Date.parse(call.at);
  return !Number.isNaN(at) && now.getTime() - at < ms;
}

export type ShownState = 'open' | 'paused' | 'closed';

/** A suspended window reads as paused (暂停服务) whatever its clerk's session says. */
export function shownState(w: BoardWindow): ShownState {
  return w.suspended ? 'paused' : w.state;
}

/** Notices in force now: started, and not yet ended. */
export function activeNotices(notices: readonly BoardNotice[], now: Date): BoardNotice[] {
  const t = now.getTime();
  return notices.filter((n) => Date.parse(n.startsAt) <= t && (n.endsAt === null || Date.parse(n.endsAt) > t));
}

/**
 * Calls a fresh snapshot has that the board had not heard of (lost in a gap or an outage), oldest
 * first, if recent enough to still be worth saying. A call already listed is never said again.
 */
export function missedCalls(before: readonly RecentCall[], after: readonly RecentCall[], now: Date, maxAgeMs = 60_000): RecentCall[] {
  const heard = new Set(before.map(callKey));
  return after.filter((c) => !heard.has(callKey(c)) && now.getTime() - Date.parse(c.at) <= maxAgeMs).reverse();
}

/** Stable identity of a call row (for keyed lists and the flash of the newest). */
export const callId = (c: RecentCall) => `${c.at}|${c.number}|${c.windowId}|${c.recall ? 'r' : 'c'}`;

// Not the timestamp: a snapshot's time of a call may differ by milliseconds from its event's.
const callKey = (c: RecentCall) => `${c.number}|${c.windowId}|${c.recall ? 'r' : 'c'}`;

function known<T>(wanted: readonly T[] | null, existing: readonly T[]): Set<T> | null {
  if (wanted === null) return null;
  const have = new Set(existing);
  const kept = wanted.filter((v) => have.has(v));
  return kept.length > 0 ? new Set(kept) : null;
}

function isDay(iso: string, today: string, timeZone: string): boolean {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || dayKey(at, timeZone) === today;
}
