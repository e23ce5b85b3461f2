import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

async function line(windows = 1) {
  const { serviceId, clerks } = await createServiceWithWindows(ctx.app, windows);
  const opened = [];
  for (const c of clerks) {
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${c.windowId}`;
    opened.push({ ...(await openWindow(ctx.app, c.username, w!.number as number)), username: c.username });
  }
  return { serviceId, windows: opened };
}

const call = (token: string, windowId: number) => injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
const act = (token: string, id: string, action: string, payload?: object) =>
  injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${id}/${action}`, ...(payload ? { payload } : {}) });

describe('transfer', () => {
  it('makes a new ticket with the same number and place in line, linked to the original, for a named window', async () => {
    const { serviceId, windows } = await line(2);
    const [a, b] = windows;
    const first = (await kioskIssue(ctx.app, serviceId)).json();
    await new Promise((r) => setTimeout(r, 5));
    const second = (await kioskIssue(ctx.app, serviceId)).json();
    expect((await call(a!.token, a!.windowId)).json().id).toBe(first.id);
    await act(a!.token, first.id, 'start');
    const moved = await act(a!.token, first.id, 'transfer', { windowId: b!.windowId, note: '需要另一位老师审核' });
    expect(moved.statusCode).toBe(200);
    const next = moved.json();
    expect(next).toMatchObject({ number: first.number, status: 'waiting' });
    expect(next.id).not.toBe(first.id);
    const [row] = await ctx.app.pg.sql`select transferred_from_id, queued_at, window_id, note from tickets where id = ${next.id}`;
    expect(row!.transferred_from_id).toBe(first.id);
    expect(row!.window_id).toBe(b!.windowId);
    expect(row!.note).toContain('审核');
    expect((await ctx.app.pg.sql`select status from tickets where id = ${first.id}`)[0]!.status).toBe('transferred');
    // A walk-in holder scanning the old slip finds the way to the new ticket.
    expect((await ctx.app.inject(`/api/tickets/${first.id}`)).json()).toMatchObject({ status: 'transferred', transferredTo: next.id });

    // The next clerk reads the whole story, across the transfer.
    const history = (await injectAs(ctx.app, b!.token, { url: `/api/tickets/${next.id}/history` })).json();
    expect(history.notes).toContain('审核');
    expect(history.entries.map((e: { type: string }) => e.type)).toEqual(['issued', 'called', 'started', 'transferred', 'issued']);
    expect(history.entries[1].windowNumber).toBeGreaterThan(100);
    const student = await sessionFor(ctx.app, 'S0001');
    expect((await injectAs(ctx.app, student, { url: `/api/tickets/${next.id}/history` })).statusCode).toBe(403);

    // Window A does not get it back; window B calls it before the later-issued ticket.
    expect((await call(a!.token, a!.windowId)).json().id).toBe(second.id);
    expect((await call(b!.token, b!.windowId)).json().id).toBe(next.id);
  });
});

describe('a transferred visit in my tickets', () => {
  it('is listed once, as the ticket the transfer made', async () => {
    const { serviceId, windows } = await line(2);
    const [a, b] = windows;
    const holder = await sessionFor(ctx.app, 'S0033');
    const mine = (await kioskIssue(ctx.app, serviceId, { studentNumber: 'S0033' })).json();
    expect((await call(a!.token, a!.windowId)).json().id).toBe(mine.id);
    const moved = (await act(a!.token, mine.id, 'transfer', { windowId: b!.windowId, note: '转另一窗口' })).json();
    const listed = (await injectAs(ctx.app, holder, { url: '/api/me/tickets' })).json<{ items: { id: string; number: string }[] }>().items;
    const [rows] = await ctx.app.pg.sql`select count(*)::int as n from tickets t join people p on p.id = t.person_id where p.number = 'S0033' and t.status <> 'transferred'`;
    expect(listed.map((t) => t.id)).toEqual([moved.id]);
    expect(listed).toHaveLength(rows!.n);
  });
});

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
