import { describe, expect, it } from 'vitest';
import { applyEvent, applySnapshot, callOf, isBoardEvent, isBoardSnapshot, RECENT_CALLS_KEPT, type BoardState } from './board-state';
import { AT, makeCall, makeEvent, makeFamily, makeSnapshot, makeWindow } from './test-factories';

function hall(): BoardState {
  return applySnapshot(
    makeSnapshot({
      windows: [
        makeWindow({ number: 12, familyCode: 'card_center' }),
        makeWindow({ number: 8, current: { number: 'H011', status: 'serving', calledAt: '2026-11-21T09:20:00.000+08:00' } }),
        makeWindow({ number: 9, current: { number: 'H011', status: 'called', calledAt: '2026-11-21T09:20:00.000+08:00' } }),
      ],
      families: [makeFamily({ code: 'household', waiting: 3 }), makeFamily({ code: 'card_center', waiting: 1 })],
      recentCalls: [makeCall({ number: 'H011', windowNumber: 8 })],
    }),
  );
}

const windowOf = (state: BoardState, number: number) => state.windows.find((w) => w.number === number)!;
const waitingOf = (state: BoardState, code: string) => state.families.find((f) => f.code === code)!.waiting;

describe('applySnapshot', () => {
  it('orders windows by number and keeps at most ten calls', () => {
    const calls = Array.from({ length: 12 }, (_, i) => makeCall({ number: `A${i}`, windowNumber: 1 }));
    const state = applySnapshot(makeSnapshot({ windows: [makeWindow({ number: 20 }), makeWindow({ number: 3 })], recentCalls: calls }));
    expect(state.windows.map((w) => w.number)).toEqual([3, 20]);
    expect(state.recentCalls).toHaveLength(RECENT_CALLS_KEPT);
    expect(state.recentCalls[0]!.number).toBe('A0');
  });

  it('recognises a snapshot and a known event', () => {
    expect(isBoardSnapshot(makeSnapshot())).toBe(true);
    expect(isBoardSnapshot({ now: 'x', windows: [] })).toBe(false);
    expect(isBoardEvent(makeEvent('window.opened', { windowId: 8, windowNumber: 8 }))).toBe(true);
    expect(isBoardEvent({ type: 'ticket.updated', at: AT, data: {} })).toBe(false);
    expect(isBoardEvent(null)).toBe(false);
  });
});

describe('applyEvent', () => {
  it('ticket.issued and ticket.rejoined set the family waiting count', () => {
    let state = applyEvent(hall(), makeEvent('ticket.issued', { number: 'H020', serviceId: 1, familyCode: 'household', priority: false, familyWaiting: 4 }));
    expect(waitingOf(state, 'household')).toBe(4);
    state = applyEvent(state, makeEvent('ticket.rejoined', { number: 'C002', serviceId: 2, familyCode: 'card_center', familyWaiting: 7 }));
    expect(waitingOf(state, 'card_center')).toBe(7);
    expect(waitingOf(state, 'household')).toBe(4);
  });

  it('ticket.called makes the ticket current, lists the call first and sets the waiting count', () => {
    const state = applyEvent(
      hall(),
      makeEvent('ticket.called', { number: 'C005', serviceId: 2, windowId: 12, windowNumber: 12, familyCode: 'card_center', familyWaiting: 0 }),
    );
    expect(windowOf(state, 12).current).toEqual({ number: 'C005', status: 'called', calledAt: AT });
    expect(state.recentCalls[0]).toEqual({ number: 'C005', windowId: 12, windowNumber: 12, at: AT, recall: false });
    expect(state.recentCalls).toHaveLength(2);
    expect(waitingOf(state, 'card_center')).toBe(0);
  });

  it('marks the call of an appointment ticket (预约)', () => {
    const state = applyEvent(
      hall(),
      makeEvent('ticket.called', { number: 'J003', serviceId: 2, windowId: 12, windowNumber: 12, familyCode: 'card_center', familyWaiting: 0, appointment: true }),
    );
    expect(state.recentCalls[0]).toEqual({ number: 'J003', windowId: 12, windowNumber: 12, at: AT, recall: false, appointment: true });
  });

  it('keeps only the last ten calls', () => {
    let state = hall();
    for (let i = 0; i < 15; i++) {
      state = applyEvent(state, makeEvent('ticket.recalled', { number: 'H011', windowId: 8, windowNumber: 8, recallCount: i + 1 }));
    }
    expect(state.recentCalls).toHaveLength(RECENT_CALLS_KEPT);
  });

  it('ticket.recalled lists the call again, marked as a recall, and leaves the window alone', () => {
    const before = hall();
    const state = applyEvent(before, makeEvent('ticket.recalled', { number: 'H011', windowId: 8, windowNumber: 8, recallCount: 1 }));
    expect(state.recentCalls.map((c) => [c.number, c.recall])).toEqual([
      ['H011', true],
      ['H011', false],
    ]);
    expect(state.windows).toBe(before.windows);
  });

  it('ticket.started turns the current ticket to serving', () => {
    let state = applyEvent(hall(), makeEvent('ticket.started', { number: 'H011', windowId: 9, windowNumber: 9 }));
    expect(windowOf(state, 9).current).toEqual({ number: 'H011', status: 'serving', calledAt: '2026-11-21T09:20:00.000+08:00' });
    state = applyEvent(state, makeEvent('ticket.started', { number: 'C009', windowId: 12, windowNumber: 12 }));
    expect(windowOf(state, 12).current).toEqual({ number: 'C009', status: 'serving', calledAt: null });
  });

  it.each(['ticket.finished', 'ticket.no_show', 'ticket.parked'] as const)('%s clears the window only if that ticket is its current one', (type) => {
    const data = { number: 'H011', windowId: 8, windowNumber: 8, outcome: 'done' };
    const state = applyEvent(hall(), makeEvent(type, data));
    expect(windowOf(state, 8).current).toBeNull();
    expect(windowOf(state, 9).current?.number).toBe('H011'); // another window: not this event's
    const other = applyEvent(hall(), makeEvent(type, { ...data, number: 'H099' }));
    expect(windowOf(other, 8).current?.number).toBe('H011');
  });

  it.each(['ticket.cancelled', 'ticket.expired', 'ticket.transferred'] as const)('%s clears every window showing that ticket', (type) => {
    const state = applyEvent(hall(), makeEvent(type, { number: 'H011', serviceId: 1, familyCode: 'household', familyWaiting: 2 }));
    expect(windowOf(state, 8).current).toBeNull();
    expect(windowOf(state, 9).current).toBeNull();
    expect(waitingOf(state, 'household')).toBe(2);
  });

  it('window.opened, window.paused and window.closed set the state; closed also clears the ticket', () => {
    let state = applyEvent(hall(), makeEvent('window.paused', { windowId: 8, windowNumber: 8 }));
    expect(windowOf(state, 8)).toMatchObject({ state: 'paused', current: { number: 'H011' } });
    state = applyEvent(state, makeEvent('window.opened', { windowId: 8, windowNumber: 8 }));
    expect(windowOf(state, 8).state).toBe('open');
    state = applyEvent(state, makeEvent('window.closed', { windowId: 8, windowNumber: 8 }));
    expect(windowOf(state, 8)).toMatchObject({ state: 'closed', current: null });
  });

  it('notices.changed replaces the notices', () => {
    const notices = [{ id: 3, textZh: '今天下午停电', textEn: null, startsAt: AT, endsAt: null }];
    const state = applyEvent(hall(), makeEvent('notices.changed', { notices }));
    expect(state.notices).toEqual(notices);
  });

  it('leaves the state as it was for a window or family the board does not know', () => {
    const before = hall();
    expect(applyEvent(before, makeEvent('window.closed', { windowId: 99, windowNumber: 99 }))).toEqual(before);
    const state = applyEvent(before, makeEvent('ticket.issued', { number: 'X1', serviceId: 9, familyCode: 'nope', priority: false, familyWaiting: 5 }));
    expect(state).toBe(before);
  });

  it('does not change the state it was given', () => {
    const before = hall();
    const copy = structuredClone(before);
    applyEvent(before, makeEvent('ticket.called', { number: 'H012', serviceId: 1, windowId: 8, windowNumber: 8, familyCode: 'household', familyWaiting: 2 }));
    applyEvent(before, makeEvent('window.closed', { windowId: 9, windowNumber: 9 }));
    expect(before).toEqual(copy);
  });
});

describe('callOf', () => {
  it('is the call or recall to announce, and nothing for other events', () => {
    expect(callOf(makeEvent('ticket.called', { number: 'A012', serviceId: 1, windowId: 3, windowNumber: 8, familyCode: 'x', familyWaiting: 0 }))).toEqual({
      number: 'A012',
      windowId: 3,
      windowNumber: 8,
      recall: false,
    });
    expect(callOf(makeEvent('ticket.recalled', { number: 'A012', windowId: 3, windowNumber: 8, recallCount: 2 }))?.recall).toBe(true);
    expect(callOf(makeEvent('ticket.started', { number: 'A012', windowId: 3, windowNumber: 8 }))).toBeNull();
  });
});
