import { describe, expect, it } from 'vitest';
import type { Ticket } from './api';
import { CallWatch, nearlyUp, ticketFromLive } from './ticket-live';

const ID = '4f0c2a5e-8a31-4c59-9d43-2f6a1b7e9c10';

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: ID,
    number: 'H012',
    status: 'waiting',
    service: { id: 3, nameZh: '户籍证明', nameEn: 'Household certificate' },
    windows: [8],
    window: null,
    priority: false,
    channel: 'online',
    ahead: 4,
    estimatedWaitMinutes: 12,
    openWindows: 1,
    issuedAt: '2026-11-21T09:00:00+08:00',
    calledAt: null,
    finishedAt: null,
    missingMaterials: [],
    transferredTo: null,
    rejoinUntil: null,
    rated: false,
    ...overrides,
  };
}

const called = { status: 'called' as const, window: { id: 8, number: 8 }, calledAt: '2026-11-21T09:20:00+08:00' };
const ev = (type: string, data: unknown = {}) => ({ type, at: '2026-11-21T09:20:00+08:00', data });

describe('ticketFromLive', () => {
  it('takes the whole ticket when it is this one', () => {
    const t = ticket();
    expect(ticketFromLive(JSON.parse(JSON.stringify(t)), ID.toUpperCase())).toEqual(t);
  });

  it('refuses another ticket or something that is not a ticket', () => {
    expect(ticketFromLive(ticket({ id: '00000000-0000-4000-8000-000000000000' }), ID)).toBeNull();
    expect(ticketFromLive({ ...ticket(), status: 'vanished' }, ID)).toBeNull();
    expect(ticketFromLive({ id: ID }, ID)).toBeNull();
    expect(ticketFromLive(null, ID)).toBeNull();
  });
});

describe('nearlyUp', () => {
  it('is true within three of the front while waiting', () => {
    expect(nearlyUp({ status: 'waiting', ahead: 2, openWindows: 1 })).toBe(true);
    expect(nearlyUp({ status: 'waiting', ahead: 0, openWindows: 1 })).toBe(true);
    expect(nearlyUp({ status: 'waiting', ahead: 3, openWindows: 1 })).toBe(false);
    expect(nearlyUp({ status: 'parked', ahead: 0, openWindows: 1 })).toBe(false);
  });

  it('is never true while no window calls the line', () => {
    expect(nearlyUp({ status: 'waiting', ahead: 0, openWindows: 0 })).toBe(false);
  });
});

describe('CallWatch', () => {
  it('does not raise the alarm for a ticket that was already called when the page opened', () => {
    const watch = new CallWatch();
    expect(watch.ticket(ticket(called))).toBeNull();
    expect(watch.ticket(ticket(called))).toBeNull();
  });

  it('raises it once when ticket.called and ticket.updated both report the call, in either order', () => {
    const a = new CallWatch();
    a.ticket(ticket());
    expect(a.event(ev('ticket.called', { number: 'H012', windowNumber: 8 }), ticket())).toEqual({ number: 'H012', window: 8, recall: false });
    expect(a.ticket(ticket(called))).toBeNull();

    const b = new CallWatch();
    b.ticket(ticket());
    expect(b.ticket(ticket(called))).toEqual({ number: 'H012', window: 8, recall: false });
    expect(b.event(ev('ticket.called', { number: 'H012', windowNumber: 8 }), ticket(called))).toBeNull();
  });

  it('raises it again on every recall', () => {
    const watch = new CallWatch();
    watch.ticket(ticket());
    watch.ticket(ticket(called));
    expect(watch.event(ev('ticket.recalled', { number: 'H012', windowNumber: 8, recallCount: 1 }), ticket(called))).toEqual({
      number: 'H012',
      window: 8,
      recall: true,
    });
    expect(watch.event(ev('ticket.recalled', { number: 'H012', windowNumber: 8, recallCount: 2 }), ticket(called))?.recall).toBe(true);
  });

  it('raises it for a new call after the ticket left the window (parked, then called back)', () => {
    const watch = new CallWatch();
    watch.ticket(ticket());
    expect(watch.ticket(ticket(called))).not.toBeNull();
    watch.ticket(ticket({ status: 'parked' }));
    expect(watch.ticket(ticket({ ...called, window: { id: 9, number: 9 } }))).toEqual({ number: 'H012', window: 9, recall: false });
  });

  it('notices a call it missed while disconnected, from the next snapshot', () => {
    const watch = new CallWatch();
    watch.ticket(ticket({ ahead: 1 }));
    expect(watch.ticket(ticket(called))?.window).toBe(8);
  });

  it('falls back to what the ticket knows when the event does not say, and ignores other events', () => {
    const watch = new CallWatch();
    watch.ticket(ticket(called));
    expect(watch.event(ev('ticket.started'), ticket(called))).toBeNull();
    expect(watch.event(ev('ticket.recalled', null), ticket(called))).toEqual({ number: 'H012', window: 8, recall: true });
  });
});
