import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { callNextAt, kioskIssue, openLine, ticketAction } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const line = (windows?: number) => openLine(ctx.app, windows);
const call = (token: string, windowId: number) => callNextAt(ctx.app, token, windowId);
const act = (token: string, id: string, action: string, payload?: object) => ticketAction(ctx.app, token, id, action, payload);

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
