import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { asCookie } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';

/**
 * "前面还有 N 人" is the number of tickets the windows able to serve a ticket will call before it,
 * across every service those windows serve. Each figure here is held to the rows: to the order in
 * which the real call-next then calls the tickets, and to the handling minutes in the services table.
 */
const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

interface Issued {
  id: string;
  number: string;
  ahead: number;
  estimatedWaitMinutes: number;
}

async function issue(service: number, extra: { priority?: boolean } = {}): Promise<Issued> {
  const res = await kioskIssue(ctx.app, service, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Issued>();
}

async function read(id: string): Promise<Issued> {
  return (await ctx.app.inject(`/api/tickets/${id}`)).json<Issued>();
}

/** Calls next at the window until nobody waits; the ids in the order call-next served them. */
async function callAll(token: string, windowId: number): Promise<string[]> {
  const order: string[] = [];
  for (;;) {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/windows/${windowId}/call-next`, headers: asCookie(token) });
    if (res.statusCode === 204) return order;
    expect(res.statusCode, res.body).toBe(200);
    const { id } = res.json<{ id: string }>();
    order.push(id);
    for (const step of ['start', 'finish']) {
      const done = await ctx.app.inject({ method: 'POST', url: `/api/tickets/${id}/${step}`, headers: asCookie(token), ...(step === 'finish' ? { payload: { outcome: 'done', overrideReason: 'test' } } : {}) });
      expect(done.statusCode, done.body).toBe(200);
    }
  }
}

/** A second service on the windows of the first (what the seed's card center does with 挂失 and 密码). */
async function serviceOnSameWindows(service: number, handlingMinutes: number): Promise<number> {
  const tag = randomBytes(3).toString('hex');
  const [row] = await ctx.app.pg.sql<{ id: number }[]>`
    insert into services (code, family_code, name_zh, name_en, department_id, handling_minutes)
    select ${`test-${tag}`}, family_code, ${`测试服务${tag}`}, ${`Test ${tag}`}, department_id, ${handlingMinutes} from services where id = ${service}
    returning id`;
  await ctx.app.pg.sql`insert into service_windows (service_id, window_id) select ${row!.id}, window_id from service_windows where service_id = ${service}`;
  return row!.id;
}

describe('place in line across the services a window serves', () => {
  it('counts every earlier ticket of 挂失 and 密码修改 at windows 20/22/23, and the later ticket never waits less', async () => {
    const lost = await serviceId(ctx.app, 'w20-card-report-lost');
    const password = await serviceId(ctx.app, 'w20-card-password');
    // Different handling times, so a per-service estimate would let a later 密码 ticket jump ahead.
    await ctx.app.pg.sql`update services set handling_minutes = case when id = ${lost} then 10 else 2 end where id in (${lost}, ${password})`;
    const clerk = await openWindow(ctx.app, 'clerk20', 20);
    const tickets: Issued[] = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(i % 2 === 0 ? lost : password));

    // As issued (the kiosk slip) and as read again: the 4th has 3 ahead, the 6th 5.
    expect(tickets.map((t) => t.ahead)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await Promise.all(tickets.map((t) => read(t.id)))).map((t) => t.ahead)).toEqual([0, 1, 2, 3, 4, 5]);

    // The wait is the handling minutes of the tickets ahead (from the services table), over the one open window.
    const minutes = await ctx.app.pg.sql<{ id: string; m: number }[]>`
      select t.id, s.handling_minutes as m from tickets t join services s on s.id = t.service_id where t.id in ${ctx.app.pg.sql(tickets.map((t) => t.id))}`;
    const minutesOf = new Map(minutes.map((r) => [r.id, r.m]));
    const expected = tickets.map((_, i) => tickets.slice(0, i).reduce((sum, t) => sum + minutesOf.get(t.id)!, 0));
    expect(tickets.map((t) => t.estimatedWaitMinutes)).toEqual(expected);
    expect(tickets[5]!.estimatedWaitMinutes).toBeGreaterThan(0);
    for (let i = 1; i < tickets.length; i++) expect(tickets[i]!.estimatedWaitMinutes).toBeGreaterThanOrEqual(tickets[i - 1]!.estimatedWaitMinutes);

    // A second window opens: the same work shared by two.
    await openWindow(ctx.app, 'clerk22', 22);
    expect((await read(tickets[5]!.id)).estimatedWaitMinutes).toBe(Math.ceil(expected[5]! / 2));

    // The figure is what call-next does: the ticket with N ahead is the (N+1)th called.
    const order = await callAll(clerk.token, clerk.windowId);
    expect(order).toEqual(tickets.map((t) => t.id));
  });

  it('puts priority tickets ahead as call-next does, and counts only windows that can serve the ticket', async () => {
    // Window A serves P and Q; window B serves P only. A Q ticket's line is A's; a P ticket's is A's and B's.
    const { serviceId: p, clerks } = await createServiceWithWindows(ctx.app, 2, { priorityRun: 1000 });
    const q = await serviceOnSameWindows(p, 5);
    await ctx.app.pg.sql`delete from service_windows where service_id = ${q} and window_id = ${clerks[1]!.windowId}`;
    const only = await ctx.app.pg.sql<{ number: number }[]>`select number from windows where id = ${clerks[0]!.windowId}`;
    const a = await openWindow(ctx.app, clerks[0]!.username, only[0]!.number);

    const q1 = await issue(q);
    const p1 = await issue(p);
    const q2 = await issue(q);
    const p2 = await issue(p);
    const urgent = await issue(q, { priority: true });
    const now = await Promise.all([q1, p1, q2, p2, urgent].map((t) => read(t.id)));
    expect(now.map((t) => t.ahead)).toEqual([1, 2, 3, 4, 0]);

    // Window A alone calls them all: each ticket's place is its index in the calls.
    const order = await callAll(a.token, a.windowId);
    const byPlace = [...now].sort((x, y) => x.ahead - y.ahead).map((t) => t.id);
    expect(order).toEqual(byPlace);
  });

  it('ranks a checked-in appointment first, as call-next does', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 1);
    const [w] = await ctx.app.pg.sql<{ number: number }[]>`select number from windows where id = ${clerks[0]!.windowId}`;
    const clerk = await openWindow(ctx.app, clerks[0]!.username, w!.number);
    const walkIns = [await issue(service), await issue(service, { priority: true }), await issue(service)];
    const booked = await issue(service);
    // Appointments arrive in the appointments slice; the channel is what call-next and the count read.
    await ctx.app.pg.sql`update tickets set channel = 'appointment' where id = ${booked.id}`;
    expect((await read(booked.id)).ahead).toBe(0);
    expect((await Promise.all(walkIns.map((t) => read(t.id)))).map((t) => t.ahead)).toEqual([2, 1, 3]);
    expect(await callAll(clerk.token, clerk.windowId)).toEqual([booked.id, walkIns[1]!.id, walkIns[0]!.id, walkIns[2]!.id]);
  });
});
