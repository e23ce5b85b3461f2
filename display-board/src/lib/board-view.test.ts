import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseBoardConfig, type BoardConfig } from './board-config';
import { applySnapshot } from './board-state';
import { activeNotices, boardView, isNewCall, missedCalls, NEW_CALL_MS, shownState } from './board-view';
import { makeCall, makeFamily, makeNotice, makeSnapshot, makeWindow } from './test-factories';

const NOW = new Date('2026-11-21T09:30:00.000+08:00');

const state = applySnapshot(
  makeSnapshot({
    windows: [
      makeWindow({ number: 1, familyCode: 'student_affairs' }),
      makeWindow({ number: 8, familyCode: 'household' }),
      makeWindow({ number: 20, familyCode: 'card_center' }),
      makeWindow({ number: 24, familyCode: 'door_lock' }),
    ],
    families: ['student_affairs', 'household', 'card_center', 'door_lock'].map((code) => makeFamily({ code })),
    recentCalls: [
      makeCall({ number: 'D003', windowNumber: 24, at: '2026-11-21T09:29:00.000+08:00' }),
      makeCall({ number: 'H012', windowNumber: 8, at: '2026-11-21T09:28:00.000+08:00' }),
      makeCall({ number: 'C007', windowNumber: 20, at: '2026-11-21T09:27:00.000+08:00' }),
      makeCall({ number: 'A001', windowNumber: 1, at: '2026-11-21T09:26:00.000+08:00' }),
      makeCall({ number: 'A099', windowNumber: 1, at: '2026-11-20T16:59:00.000+08:00' }), // yesterday
    ],
  }),
);

const config = (query: string): BoardConfig => parseBoardConfig(new URLSearchParams(query));

describe('boardView', () => {
  it('shows everything of today by default', () => {
    const view = boardView(state, DEFAULT_CONFIG, NOW);
    expect(view.windows.map((w) => w.number)).toEqual([1, 8, 20, 24]);
    expect(view.families).toHaveLength(4);
    expect(view.calls.map((c) => c.number)).toEqual(['D003', 'H012', 'C007', 'A001']);
    expect(view.shows(8)).toBe(true);
  });

  it('shows only the chosen windows, their families and their calls', () => {
    const view = boardView(state, config('windows=8,20'), NOW);
    expect(view.windows.map((w) => w.number)).toEqual([8, 20]);
    expect(view.families.map((f) => f.code)).toEqual(['household', 'card_center']);
    expect(view.calls.map((c) => c.number)).toEqual(['H012', 'C007']);
    expect(view.shows(8)).toBe(true);
    expect(view.shows(24)).toBe(false);
  });

  it('shows only the chosen families, their windows and their calls', () => {
    const view = boardView(state, config('families=card_center,door_lock'), NOW);
    expect(view.windows.map((w) => w.number)).toEqual([20, 24]);
    expect(view.families.map((f) => f.code)).toEqual(['card_center', 'door_lock']);
    expect(view.calls.map((c) => c.number)).toEqual(['D003', 'C007']);
    expect(view.shows(1)).toBe(false);
  });

  it('ignores windows and families the hall does not have, all of them meaning no filter', () => {
    expect(boardView(state, config('windows=8,99'), NOW).windows.map((w) => w.number)).toEqual([8]);
    expect(boardView(state, config('windows=99'), NOW).windows).toHaveLength(4);
    expect(boardView(state, config('families=nope'), NOW).families).toHaveLength(4);
  });

  it('lists no more calls than asked', () => {
    expect(boardView(state, config('calls=2'), NOW).calls.map((c) => c.number)).toEqual(['D003', 'H012']);
  });
});

describe('the "now calling" box', () => {
  const at = (iso: string) =>
    applySnapshot(makeSnapshot({ windows: [makeWindow({ number: 21 })], recentCalls: [makeCall({ number: 'C014', windowNumber: 21, at: iso })] }));

  it('holds no call made 18 minutes ago: a freshly loaded board lists it with the others', () => {
    const view = boardView(at('2026-11-21T09:12:00.000+08:00'), DEFAULT_CONFIG, NOW);
    expect(view.announcing).toBeNull();
    expect(view.calls.map((c) => c.number)).toEqual(['C014']);
  });

  it('holds the newest call while it is new, then lets it go', () => {
    const state = at('2026-11-21T09:29:55.000+08:00');
    expect(boardView(state, DEFAULT_CONFIG, NOW).announcing?.number).toBe('C014');
    const later = new Date(Date.parse('2026-11-21T09:29:55.000+08:00') + NEW_CALL_MS);
    expect(boardView(state, DEFAULT_CONFIG, later).announcing).toBeNull();
  });

  it('judges newness only on the clock it is given (the hall’s), a call a moment ahead of it being new', () => {
    const call = makeCall({ number: 'C014', windowNumber: 21, at: '2026-11-21T09:30:00.200+08:00' });
    expect(isNewCall(call, NOW)).toBe(true);
    expect(isNewCall(call, new Date(NOW.getTime() + 20 * 60_000))).toBe(false);
    expect(isNewCall({ ...call, at: 'garbage' }, NOW)).toBe(false);
  });
});

describe('shownState', () => {
  it('shows a suspended window as paused', () => {
    expect(shownState(makeWindow({ number: 1, state: 'open', suspended: true }))).toBe('paused');
    expect(shownState(makeWindow({ number: 1, state: 'closed' }))).toBe('closed');
  });
});

describe('activeNotices', () => {
  it('keeps notices that have started and not ended', () => {
    const notices = [
      makeNotice({ id: 1 }),
      makeNotice({ id: 2, startsAt: '2026-11-21T10:00:00.000+08:00' }),
      makeNotice({ id: 3, endsAt: '2026-11-21T09:30:00.000+08:00' }),
      makeNotice({ id: 4, endsAt: '2026-11-21T09:30:01.000+08:00' }),
      makeNotice({ id: 5, startsAt: '2026-11-21T09:30:00.000+08:00' }),
    ];
    expect(activeNotices(notices, NOW).map((n) => n.id)).toEqual([1, 4, 5]);
  });
});

describe('missedCalls', () => {
  it('finds recent calls a fresh snapshot has that the board never heard, oldest first', () => {
    const heard = [makeCall({ number: 'H012', windowNumber: 8, at: '2026-11-21T09:29:00.000+08:00' })];
    const fresh = [
      makeCall({ number: 'C002', windowNumber: 20, at: '2026-11-21T09:29:50.000+08:00' }),
      makeCall({ number: 'C001', windowNumber: 21, at: '2026-11-21T09:29:40.000+08:00' }),
      // The same call, its time a few milliseconds off: already heard.
      makeCall({ number: 'H012', windowNumber: 8, at: '2026-11-21T09:29:00.004+08:00' }),
      makeCall({ number: 'A001', windowNumber: 1, at: '2026-11-21T09:20:00.000+08:00' }), // too old to call out now
    ];
    expect(missedCalls(heard, fresh, NOW).map((c) => c.number)).toEqual(['C001', 'C002']);
    expect(missedCalls(fresh, fresh, NOW)).toEqual([]);
  });
});
