import { describe, expect, it } from 'vitest';
import { hallNowIso } from './window-queries.ts';

describe('the hall clock in each window-list answer', () => {
  it('gives each second its own time in the hall zone, whatever was asked before (it keeps the last second)', () => {
    const at = Date.parse('2026-12-01T01:59:59.900Z');
    expect(hallNowIso('Asia/Shanghai', at)).toBe('2026-12-01T09:59:59+08:00');
    expect(hallNowIso('Asia/Shanghai', at + 50)).toBe('2026-12-01T09:59:59+08:00');
    expect(hallNowIso('Asia/Shanghai', at + 100)).toBe('2026-12-01T10:00:00+08:00');
    expect(hallNowIso('UTC', at + 100)).toBe('2026-12-01T02:00:00Z');
    expect(hallNowIso('Asia/Shanghai', at - 86_400_000)).toBe('2026-11-30T09:59:59+08:00');
  });
});
