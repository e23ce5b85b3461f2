import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { callNextAt, kioskIssue, openLine, ticketAction } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const line = (windows?: number) => openLine(ctx.app, windows);
const call = (token: string, windowId: number) => callNextAt(ctx.app, token, windowId);
const act = (token: string, id: string, action: string, payload?: object) => ticketAction(ctx.app, token, id, action, payload);

describe('rejoin after a no-show', () => {
  it('goes back near the front within the grace period, and not after it', async () => {
    const { serviceId, windows } = await line();
    const [w] = windows;
    const holder = await sessionFor(ctx.app, 'S0030');
    // The holder takes a ticket through the kiosk with their number, then misses the call.
    const mine = (await kioskIssue(ctx.app, serviceId, { studentNumber: 'S0030' })).json();
    const others = [];
    for (let i = 0; i < 4; i++) others.push((await kioskIssue(ctx.app, serviceId)).json());
    expect((await call(w!.token, w!.windowId)).json().id).toBe(mine.id);
    await act(w!.token, mine.id, 'no-show');

    // The page says until when: the no-show's time (in the row) plus the grace period.
    const missed = (await injectAs(ctx.app, holder, { url: `/api/tickets/${mine.id}` })).json();
    const [noShowRow] = await ctx.app.pg.sql<{ finished_at: Date }[]>`select finished_at from tickets where id = ${mine.id}`;
    expect(new Date(missed.rejoinUntil).getTime()).toBe(new Date(noShowRow!.finished_at).getTime() + ctx.config.queue.rejoinGraceMinutes * 60_000);

    const back = await injectAs(ctx.app, holder, { method: 'POST', url: `/api/tickets/${mine.id}/rejoin` });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'waiting', ahead: 2 });
    const stranger = await sessionFor(ctx.app, 'S0031');
    expect((await injectAs(ctx.app, stranger, { method: 'POST', url: `/api/tickets/${others[0].id}/rejoin` })).statusCode).toBe(404);

    expect((await call(w!.token, w!.windowId)).json().id).toBe(others[0].id);
    await act(w!.token, others[0].id, 'no-show');
    await ctx.app.pg.sql`update tickets set finished_at = now() - interval '11 minutes' where id = ${others[0].id}`;
    const late = await ctx.app.inject({ method: 'POST', url: `/api/tickets/${others[0].id}/rejoin`, headers: { authorization: 'Bearer demo-kiosk' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('rejoin_too_late');
    expect((await ctx.app.inject(`/api/tickets/${others[0].id}`)).json().rejoinUntil).toBeNull();
    expect(back.json().rejoinUntil).toBeNull();
  });
});

describe('feedback', () => {
  it('lets the holder rate a finished ticket once', async () => {
    const { serviceId, windows } = await line();
    const [w] = windows;
    const holder = await sessionFor(ctx.app, 'S0032');
    const ticket = (await kioskIssue(ctx.app, serviceId, { studentNumber: 'S0032' })).json();
    const rate = () => injectAs(ctx.app, holder, { method: 'POST', url: `/api/tickets/${ticket.id}/feedback`, payload: { attitude: 5, efficiency: 4, outcome: 5, comment: '很快' } });
    expect((await rate()).json().code).toBe('not_finished');
    await call(w!.token, w!.windowId);
    await act(w!.token, ticket.id, 'start');
    await act(w!.token, ticket.id, 'finish', { outcome: 'done' });
    expect((await injectAs(ctx.app, holder, { url: `/api/tickets/${ticket.id}` })).json().rated).toBe(false);
    expect((await rate()).statusCode).toBe(204);
    expect((await rate()).json().code).toBe('feedback_exists');
    expect((await injectAs(ctx.app, holder, { url: `/api/tickets/${ticket.id}` })).json().rated).toBe(true);
    const other = await sessionFor(ctx.app, 'S0033');
    const notMine = await injectAs(ctx.app, other, { method: 'POST', url: `/api/tickets/${ticket.id}/feedback`, payload: { attitude: 1, efficiency: 1, outcome: 1 } });
    expect(notMine.statusCode).toBe(404);
    const bad = await injectAs(ctx.app, holder, { method: 'POST', url: `/api/tickets/${ticket.id}/feedback`, payload: { attitude: 6, efficiency: 4, outcome: 5 } });
    expect(bad.statusCode).toBe(400);
  });
});
