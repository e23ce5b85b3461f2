import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow } from '../../../test-support/factories.ts';
import type { HistoryEntry } from './history.ts';

const ctx = useTestApp();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function openAll(clerks: { username: string; windowId: number }[]) {
  const opened = [];
  for (const c of clerks) {
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${c.windowId}`;
    opened.push({ ...(await openWindow(ctx.app, c.username, w!.number as number)), number: w!.number as number });
  }
  return opened;
}

const post = (token: string, url: string, payload?: object) => injectAs(ctx.app, token, { method: 'POST', url, ...(payload ? { payload } : {}) });

describe('a ticket’s history', () => {
  it('tells a transfer from the entries themselves: numbers, services, windows by number, no internal text', async () => {
    const from = await createServiceWithWindows(ctx.app, 1);
    const to = await createServiceWithWindows(ctx.app, 1);
    const [a] = await openAll(from.clerks);
    const [b] = await openAll(to.clerks);
    const issued = (await kioskIssue(ctx.app, from.serviceId)).json<{ id: string; number: string }>();
    expect((await post(a!.token, `/api/windows/${a!.windowId}/call-next`)).json().id).toBe(issued.id);
    await post(a!.token, `/api/tickets/${issued.id}/start`);
    const moved = await post(a!.token, `/api/tickets/${issued.id}/transfer`, { serviceId: to.serviceId, windowId: b!.windowId, note: '需补办证明' });
    expect(moved.statusCode).toBe(200);
    const next = moved.json<{ id: string }>();

    const res = await injectAs(ctx.app, b!.token, { url: `/api/tickets/${next.id}/history` });
    expect(res.statusCode).toBe(200);
    const entries = res.json<{ entries: HistoryEntry[] }>().entries;
    const [names] = await ctx.app.pg.sql`select (select name_zh from services where id = ${from.serviceId}) as a, (select name_zh from services where id = ${to.serviceId}) as b`;

    expect(entries.map((e) => [e.type, e.ticketNumber, e.serviceNameZh, e.windowNumber, e.actor, e.channel])).toEqual([
      ['issued', issued.number, names!.a, null, 'device', 'kiosk'],
      ['called', issued.number, names!.a, a!.number, 'staff', 'kiosk'],
      ['started', issued.number, names!.a, a!.number, 'staff', 'kiosk'],
      ['transferred', issued.number, names!.a, a!.number, 'staff', 'kiosk'],
      ['issued', issued.number, names!.b, b!.number, 'staff', 'transfer'],
    ]);
    expect(entries[3]!.reason).toBe('需补办证明');
    // Ids belong in ticketId alone: nothing a person reads carries one.
    for (const e of entries) {
      const { ticketId: _id, ...read } = e;
      expect(JSON.stringify(read)).not.toMatch(UUID);
    }
    expect(entries[4]!.reason).toBeNull();
  });

  it('says who cancelled, without the system’s own words', async () => {
    const line = await createServiceWithWindows(ctx.app, 1);
    const [w] = await openAll(line.clerks);
    const student = await sessionFor(ctx.app, 'S0031');
    const mine = await post(student, '/api/tickets', { serviceId: line.serviceId });
    expect(mine.statusCode).toBe(201);
    const ticket = mine.json<{ id: string }>();
    expect((await injectAs(ctx.app, student, { method: 'DELETE', url: `/api/tickets/${ticket.id}` })).statusCode).toBe(200);

    const entries = (await injectAs(ctx.app, w!.token, { url: `/api/tickets/${ticket.id}/history` })).json<{ entries: HistoryEntry[] }>().entries;
    expect(entries.map((e) => [e.type, e.actor, e.channel, e.reason])).toEqual([
      ['issued', 'holder', 'online', null],
      ['cancelled', 'holder', 'online', null],
    ]);
  });
});
