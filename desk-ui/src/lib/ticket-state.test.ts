import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from './api';
import { en } from './i18n/en';
import { zh } from './i18n/zh';
import { finalTimeKey, rejoinDeadline } from './ticket-state';

describe('the final time of a ticket', () => {
  it('is 办结时间 only for a ticket served to an outcome', () => {
    const labels = Object.fromEntries(TICKET_STATUSES.map((s) => [s, finalTimeKey(s) ? zh[finalTimeKey(s)!] : null]));
    expect(labels).toEqual({
      waiting: null,
      called: null,
      serving: null,
      parked: null,
      done: '办结时间',
      materials_missing: '办结时间',
      referred: '办结时间',
      no_show: '未到时间',
      cancelled: '取消时间',
      transferred: '转办时间',
      expired: '过期时间',
    });
    expect(en[finalTimeKey('no_show')!]).toBe('Marked no-show');
  });
});

describe('rejoining after a no-show', () => {
  const now = new Date('2026-11-21T09:30:00+08:00');
  it('is open until the server’s rejoinUntil, and not after', () => {
    expect(rejoinDeadline({ status: 'no_show', rejoinUntil: '2026-11-21T09:38:00+08:00' }, now)?.toISOString()).toBe('2026-11-21T01:38:00.000Z');
    expect(rejoinDeadline({ status: 'no_show', rejoinUntil: '2026-11-21T09:30:00+08:00' }, now)).toBeNull();
    expect(rejoinDeadline({ status: 'no_show', rejoinUntil: null }, now)).toBeNull();
    expect(rejoinDeadline({ status: 'done', rejoinUntil: '2026-11-21T09:38:00+08:00' }, now)).toBeNull();
  });
});
