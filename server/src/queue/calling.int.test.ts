import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { callNextAt, kioskIssue, openLine, ticketAction } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const line = (windows?: number) => openLine(ctx.app, windows);
const call = (token: string, windowId: number) => callNextAt(ctx.app, token, windowId);
const act = (token: string, id: string, action: string, payload?: object) => ticketAction(ctx.app, token, id, action, payload);

describe('call specific, park and call back', () => {
  it('calls out of order with a reason, parks, and calls the parked ticket back', async () => {
    const { serviceId, windows } = await line();
    const [w] = windows;
    const first = (await kioskIssue(ctx.app, serviceId)).json();
    const third = (await kioskIssue(ctx.app, serviceId)).json();
    const noReason = await injectAs(ctx.app, w!.token, { method: 'POST', url: `/api/windows/${w!.windowId}/call`, payload: { ticketId: third.id } });
    expect(noReason.statusCode).toBe(400);
    const specific = await injectAs(ctx.app, w!.token, { method: 'POST', url: `/api/windows/${w!.windowId}/call`, payload: { ticketId: third.id, reason: '老人，优先办理' } });
    expect(specific.json().id).toBe(third.id);
    const [ev] = await ctx.app.pg.sql`select reason from ticket_events where ticket_id = ${third.id} and type = 'called'`;
    expect(ev!.reason).toBe('老人，优先办理');

    await act(w!.token, third.id, 'start');
    expect((await act(w!.token, third.id, 'park', { note: '回宿舍取身份证' })).json().status).toBe('parked');
    // Parked tickets are not called by call-next; the next in line is.
    expect((await call(w!.token, w!.windowId)).json().id).toBe(first.id);
    await act(w!.token, first.id, 'no-show');
    expect((await call(w!.token, w!.windowId)).statusCode).toBe(204);
    const back = await injectAs(ctx.app, w!.token, { method: 'POST', url: `/api/windows/${w!.windowId}/call`, payload: { ticketId: third.id, reason: '取回材料' } });
    expect(back.json().id).toBe(third.id);
    expect((await act(w!.token, third.id, 'start')).json().status).toBe('serving');
  });
});

describe('heads-up', () => {
  it('tells a holder once when their ticket reaches the third place', async () => {
    const { serviceId, windows } = await line();
    const [w] = windows;
    const numbers = ['S0034', 'S0035', 'S0036', 'S0037', 'S0038'];
    for (const n of numbers) await kioskIssue(ctx.app, serviceId, { studentNumber: n });
    const notified = async (n: string) =>
      (await ctx.app.pg.sql`select count(*)::int as c from notifications x join accounts a on a.id = x.account_id
        where a.username = ${n} and x.kind = 'queue.heads_up'`)[0]!.c as number;
    expect(await notified('S0036')).toBe(1);
    expect(await notified('S0037')).toBe(0);
    await call(w!.token, w!.windowId);
    expect(await notified('S0037')).toBe(1);
    expect(await notified('S0038')).toBe(0);
    const first = (await ctx.app.pg.sql`select id from tickets where service_id = ${serviceId} and status = 'called'`)[0]!.id as string;
    await act(w!.token, first, 'no-show');
    await call(w!.token, w!.windowId);
    expect(await notified('S0037')).toBe(1);
    expect(await notified('S0038')).toBe(1);
    const holder = await sessionFor(ctx.app, 'S0038');
    const inbox = (await injectAs(ctx.app, holder, { url: '/api/me/notifications' })).json().items;
    expect(inbox[0]).toMatchObject({ kind: 'queue.heads_up', payload: { ahead: 2, number: expect.stringMatching(/^C\d+$/) } });
  });
});
