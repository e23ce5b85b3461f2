import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { openState, openingsOn, type HoursRule } from './hours.ts';

const zone = 'Asia/Shanghai';
const hall = (iso: string) => DateTime.fromISO(iso, { zone });
/** 学工办: Mon–Thu 9–17, Fri 9–12. */
const weekday: HoursRule[] = [
  ...[1, 2, 3, 4].map((weekday) => ({ weekday, opens: '09:00:00', closes: '17:00:00' })),
  { weekday: 5, opens: '09:00', closes: '12:00' },
];
/** Window 12: Thursday 14–17 only. */
const thursdayAfternoon: HoursRule[] = [{ weekday: 4, opens: '14:00', closes: '17:00' }];

describe('openState', () => {
  it('is open inside the hours and says when it closes', () => {
    const s = openState(weekday, [], hall('2026-11-23T10:30')); // Monday
    expect(s.open).toBe(true);
    expect(s.closesAt?.toISO()).toBe('2026-11-23T17:00:00.000+08:00');
    expect(s.nextOpensAt).toBeNull();
  });

  it('closes at the closing minute exactly', () => {
    const s = openState(weekday, [], hall('2026-11-23T17:00'));
    expect(s.open).toBe(false);
    expect(s.nextOpensAt?.toISO()).toBe('2026-11-24T09:00:00.000+08:00');
  });

  it('knows Friday closes at noon and the weekend is closed until Monday', () => {
    expect(openState(weekday, [], hall('2026-11-27T11:59')).open).toBe(true); // Friday
    const afternoon = openState(weekday, [], hall('2026-11-27T12:00'));
    expect(afternoon.open).toBe(false);
    expect(afternoon.nextOpensAt?.toISO()).toBe('2026-11-30T09:00:00.000+08:00');
    expect(openState(weekday, [], hall('2026-11-28T10:00')).nextOpensAt?.weekday).toBe(1);
  });

  it('opens a Thursday-only window on Thursday afternoon', () => {
    const tuesday = openState(thursdayAfternoon, [], hall('2026-11-24T15:00'));
    expect(tuesday.open).toBe(false);
    expect(tuesday.nextOpensAt?.toISO()).toBe('2026-11-26T14:00:00.000+08:00');
    expect(openState(thursdayAfternoon, [], hall('2026-11-26T09:30')).open).toBe(false);
    expect(openState(thursdayAfternoon, [], hall('2026-11-26T14:00')).open).toBe(true);
  });

  it('skips dated closures', () => {
    const closures = [{ startsOn: '2026-11-23', endsOn: '2026-11-24' }];
    const s = openState(weekday, closures, hall('2026-11-23T10:00'));
    expect(s.open).toBe(false);
    expect(s.nextOpensAt?.toISO()).toBe('2026-11-25T09:00:00.000+08:00');
  });

  it('computes in the hall zone whatever the input zone', () => {
    // 02:00 UTC is 10:00 in Shanghai on a Monday.
    const utc = DateTime.fromISO('2026-11-23T02:00:00Z').setZone(zone);
    expect(openState(weekday, [], utc).open).toBe(true);
  });

  it('has no next opening when there are no rules (window 7 follows announcements)', () => {
    expect(openState([], [], hall('2026-11-23T10:00'))).toEqual({ open: false, closesAt: null, nextOpensAt: null });
  });

  it('honours seasonal validity', () => {
    const summer: HoursRule[] = [{ weekday: 1, opens: '09:00', closes: '11:00', validFrom: '2026-07-01', validTo: '2026-08-31' }];
    expect(openingsOn(hall('2026-07-06T00:00'), summer, [])).toHaveLength(1);
    expect(openingsOn(hall('2026-11-23T00:00'), summer, [])).toHaveLength(0);
  });
});
