import { describe, expect, it } from 'vitest';
import { formatTicketNumber, hallDate } from './hall-day.ts';

describe('hall day and numbers', () => {
  it('takes the date in the hall zone, not UTC', () => {
    // 17:30 UTC on the 22nd is 01:30 on the 23rd in Shanghai.
    expect(hallDate('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
    expect(hallDate('UTC', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-22');
  });

  it('answers each moment with its own day, whatever was asked before (it keeps the last day)', () => {
    const shanghai = ['2026-11-22T15:59:59.999Z', '2026-11-22T16:00:00Z', '2026-11-22T15:00:00Z', '2026-11-23T15:59:59Z', '2026-11-23T16:00:00Z'];
    expect(shanghai.map((t) => hallDate('Asia/Shanghai', new Date(t)))).toEqual(['2026-11-22', '2026-11-23', '2026-11-22', '2026-11-23', '2026-11-24']);
    // Another zone in between, and a day of 23 hours (clocks forward in Los Angeles on 8 March 2026).
    expect(hallDate('UTC', new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-22');
    expect(hallDate('America/Los_Angeles', new Date('2026-03-08T07:59:00Z'))).toBe('2026-03-07');
    expect(hallDate('America/Los_Angeles', new Date('2026-03-08T08:00:00Z'))).toBe('2026-03-08');
    expect(hallDate('America/Los_Angeles', new Date('2026-03-09T06:59:00Z'))).toBe('2026-03-08');
    expect(hallDate('America/Los_Angeles', new Date('2026-03-09T07:00:00Z'))).toBe('2026-03-09');
  });

  it('pads to three digits and grows past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('H', 23)).toBe('H023');
    expect(formatTicketNumber('C', 1000)).toBe('C1000');
  });
});
