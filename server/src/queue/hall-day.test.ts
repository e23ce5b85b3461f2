import { describe, expect, it } from 'vitest';
import { formatTicketNumber, hallDate } from './hall-day.ts';

describe('hall day and numbers', () => {
  it('takes the date in the hall zone, not UTC', () => {
    // 17:30 UTC on the 22nd is 01:30 on the 23rd in Shanghai.
    expect(hallDate('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
    expect(hallDate('UTC', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-22');
  });

  it('pads to three digits and grows past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('H', 23)).toBe('H023');
    expect(formatTicketNumber('C', 1000)).toBe('C1000');
  });
});
