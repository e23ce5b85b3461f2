import { describe, expect, it } from 'vitest';
import { fromHallInput, toHallInput } from './hall-time';

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
