/** Small builders of board data for the unit tests. */
import type { BoardEvent, BoardEventPayloads, BoardEventType, BoardFamily, BoardNotice, BoardSnapshot, BoardWindow, RecentCall } from '@campus/server/client/live';

export function makeWindow(overrides: Partial<BoardWindow> & { number: number }): BoardWindow {
  return {
    id: overrides.number,
    nameZh: `${overrides.number}号窗口业务`,
    nameEn: `Window ${overrides.number} services`,
    familyCode: 'household',
    state: 'open',
    suspended: false,
    current: null,
    closesAt: null,
    nextOpensAt: null,
    ...overrides,
  };
}

export function makeFamily(overrides: Partial<BoardFamily> & { code: string }): BoardFamily {
  return { nameZh: overrides.code, nameEn: overrides.code, ticketPrefix: overrides.code.slice(0, 1).toUpperCase(), waiting: 0, ...overrides };
}

export function makeCall(overrides: Partial<RecentCall> & { number: string; windowNumber: number }): RecentCall {
  return { windowId: overrides.windowNumber, at: '2026-11-21T09:29:00.000+08:00', recall: false, ...overrides };
}

export function makeNotice(overrides: Partial<BoardNotice> & { id: number }): BoardNotice {
  return { textZh: `公告${overrides.id}`, textEn: null, startsAt: '2026-11-21T08:00:00.000+08:00', endsAt: null, ...overrides };
}

export function makeSnapshot(overrides: Partial<BoardSnapshot> = {}): BoardSnapshot {
  return {
    now: '2026-11-21T09:30:00.000+08:00',
    timeZone: 'Asia/Shanghai',
    windows: [],
    families: [],
    recentCalls: [],
    notices: [],
    ...overrides,
  };
}

export const AT = '2026-11-21T09:31:00.000+08:00';

/** An event as the server sends it in `event`, at `AT` unless told. */
export function makeEvent<T extends BoardEventType>(type: T, data: BoardEventPayloads[T], at = AT): BoardEvent {
  return { type, data, at } as BoardEvent;
}
