import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { kioskIssue, openLine } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const line = (windows?: number) => openLine(ctx.app, windows);

describe('estimated wait', () => {
  it('uses the rolling median of the last finished cases, divided by the staffed windows', async () => {
    const { serviceId, windows } = await line(2);
    // Five finished cases of 4, 6, 8, 10 and 12 minutes: the median is 8.
    for (const minutes of [4, 6, 8, 10, 12]) {
      const t = (await kioskIssue(ctx.app, serviceId)).json();
      await ctx.app.pg.sql`update tickets set status = 'done', started_at = now() - make_interval(mins => ${minutes} + 1),
        finished_at = now() - interval '1 minute' where id = ${t.id}`;
    }
    for (let i = 0; i < 3; i++) await kioskIssue(ctx.app, serviceId);
    const mine = (await kioskIssue(ctx.app, serviceId)).json();
    expect(mine).toMatchObject({ ahead: 3, estimatedWaitMinutes: Math.ceil((3 * 8) / 2) });
    // One window goes on a break: the same line now takes twice as long.
    await injectAs(ctx.app, windows[0]!.token, { method: 'PATCH', url: `/api/windows/${windows[0]!.windowId}/session`, payload: { status: 'paused' } });
    expect((await ctx.app.inject(`/api/tickets/${mine.id}`)).json().estimatedWaitMinutes).toBe(24);
  });
});
