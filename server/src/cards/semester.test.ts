import { describe, expect, it } from 'vitest';
import { semesterOf } from './semester.ts';

const tz = 'Asia/Shanghai';

describe('semesterOf', () => {
  it('puts January in the autumn semester that began the August before', () => {
    const s = semesterOf(new Date('2027-01-20T04:00:00Z'), tz);
    expect(s.label).toBe('2026-autumn');
    expect(s.start.toISOString()).toBe('2026-07-31T16:00:00.000Z');
    expect(s.end.toISOString()).toBe('2027-01-31T16:00:00.000Z');
  });

  it('starts spring on 1 February in the hall zone, not in UTC', () => {
    expect(semesterOf(new Date('2027-01-31T16:30:00Z'), tz).label).toBe('2027-spring');
    expect(semesterOf(new Date('2027-01-31T15:30:00Z'), tz).label).toBe('2026-autumn');
    expect(semesterOf(new Date('2027-07-31T12:00:00Z'), tz).label).toBe('2027-spring');
  });
});
