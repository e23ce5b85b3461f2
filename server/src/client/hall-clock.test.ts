import { describe, expect, it } from 'vitest';
import {
  clockText,
  dateText,
  dayKey,
  fromHallInput,
  hallClock,
  hallDateTime,
  hallDayStart,
  hallMoment,
  hallTimeZone,
  hourMinute,
  momentText,
  SENT_OFFSET,
  setHallTimeZone,
  toHallInput,
} from './hall-clock.ts';

describe('datetime-local values on the hall clock', () => {
  it('shows an instant on the hall clock, whatever zone it came in', () => {
    expect(toHallInput('2026-11-21T01:30:00.000Z')).toBe('2026-11-21T09:30');
    expect(toHallInput('2026-11-21T09:30:00+08:00')).toBe('2026-11-21T09:30');
    expect(toHallInput('2026-12-31T16:05:00Z')).toBe('2027-01-01T00:05');
    expect(toHallInput('not a date')).toBe('');
  });

  it('reads a wall time as the hall’s, with its offset', () => {
    expect(fromHallInput('2026-11-21T09:30')).toBe('2026-11-21T09:30:00+08:00');
    expect(fromHallInput('2027-01-01T00:05:30')).toBe('2027-01-01T00:05:30+08:00');
    expect(Date.parse(fromHallInput('2026-11-21T09:30') ?? '')).toBe(Date.parse('2026-11-21T01:30:00Z'));
  });

  it('round-trips', () => {
    const iso = fromHallInput(toHallInput('2026-07-04T23:59:00Z'));
    expect(iso).toBe('2026-07-05T07:59:00+08:00');
  });

  it('refuses what is not a real date and time', () => {
    expect(fromHallInput('')).toBeUndefined();
    expect(fromHallInput('2026-02-30T09:00')).toBeUndefined();
    expect(fromHallInput('2026-11-21T24:00')).toBeUndefined();
    expect(fromHallInput('2026-11-21')).toBeUndefined();
  });
});

describe('instants on the hall clock', () => {
  it('formats them in the hall’s zone', () => {
    expect(hallClock('2026-11-21T01:30:00.000Z')).toBe('09:30');
    expect(hallDateTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(hallClock('not a date')).toBe('not a date');
    expect(hallDayStart('2025-03-03', 1)).toBe('2025-03-04T00:00:00+08:00');
    expect(hallDayStart('2025-3-3')).toBeUndefined();
  });

  it('reads the wall clock off the string’s own offset when asked', () => {
    expect(hallClock('2025-03-03T09:00:00-05:00', SENT_OFFSET)).toBe('09:00');
    expect(hallClock('2025-03-03T09:00:00', SENT_OFFSET)).toBe('2025-03-03T09:00:00');
  });

  it('follows the zone the API names, and ignores one it does not know', () => {
    try {
      expect(setHallTimeZone('Europe/Berlin')).toBe(true);
      expect(hallClock('2026-11-21T01:30:00Z')).toBe('02:30');
      expect(fromHallInput('2026-07-01T09:00')).toBe('2026-07-01T09:00:00+02:00');
      expect(setHallTimeZone('Mars/Olympus')).toBe(false);
      expect(hallTimeZone()).toBe('Europe/Berlin');
    } finally {
      setHallTimeZone('Asia/Shanghai');
    }
  });
});

describe('the board’s clock and the days of moments', () => {
  const now = new Date('2026-12-01T05:00:00Z'); // Tuesday 13:00 in the hall
  const zone = 'Asia/Shanghai';

  it('shows the time and the date line', () => {
    expect(clockText(new Date('2026-12-01T01:05:03Z'), zone)).toBe('09:05:03');
    expect(hourMinute(new Date('2026-12-01T16:30:00Z'), zone)).toBe('00:30');
    expect(dayKey(new Date('2026-12-01T16:30:00Z'), zone)).toBe('2026-12-02');
    expect(dateText(now, zone)).toBe('2026年12月1日星期二');
  });

  it('words a moment as 今天, 明天, a weekday this week, or a date', () => {
    expect(momentText('2026-12-01T09:30:00Z', now, zone)).toBe('今天 17:30');
    expect(momentText('2026-12-01T16:00:00Z', now, zone)).toBe('明天 00:00');
    expect(momentText('2026-12-04T01:00:00Z', now, zone)).toBe('周五 09:00');
    expect(momentText('2026-12-08T01:00:00Z', now, zone)).toBe('12/8 09:00');
    expect(momentText('2026-11-30T01:00:00Z', now, zone)).toBe('11/30 09:00');
    expect(momentText('soon', now, zone)).toBe('');
  });

  it('tells the day, weekday and date for wording of one’s own', () => {
    expect(hallMoment('2026-12-03T09:00:00+08:00', now, SENT_OFFSET)).toEqual({ day: 'thisWeek', time: '09:00', weekday: 4, month: 12, dayOfMonth: 3 });
    expect(hallMoment('2026-12-02T08:00:00+08:00', now)).toMatchObject({ day: 'tomorrow', time: '08:00' });
  });
});
