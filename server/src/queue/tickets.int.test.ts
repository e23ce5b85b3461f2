import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { asCookie, injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

describe('issuing tickets', () => {
  it('refuses a closed service with its next opening, and opens it while a clerk works overtime', async () => {
    // Window 7 has no fixed hours: closed unless a clerk opens a session.
    const legal = await serviceId(ctx.app, 'w07-legal-consultation');
    const closed = await kioskIssue(ctx.app, legal);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('service_closed');

    await openWindow(ctx.app, 'clerk07', 7);
    const seven = (await ctx.app.inject('/api/windows')).json().windows.find((w: { number: number }) => w.number === 7);
    expect(seven).toMatchObject({ open: true, session: 'open', nextOpensAt: null });
    const issued = await kioskIssue(ctx.app, legal);
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ number: expect.stringMatching(/^L\d{3}$/), status: 'waiting', windows: [7], ahead: 0 });
  });

  it('gives 300 parallel issues of one prefix 300 distinct, consecutive numbers', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 1, { prefixFamily: 'finance' });
    await openWindow(ctx.app, clerks[0]!.username, (await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`)[0]!.number);
    const before = await ctx.app.pg.sql`select coalesce(max(seq), 0)::int as n from tickets where prefix = 'F'`;
    const results = await Promise.all(Array.from({ length: 300 }, () => kioskIssue(ctx.app, service)));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(300);
    const seqs = numbers.map((n) => Number(n.slice(1))).sort((a, b) => a - b);
    expect(seqs[0]).toBe(before[0]!.n + 1);
    expect(seqs.at(-1)! - seqs[0]!).toBe(299);
  });

  it('numbers past 999 as the slip prints them: F999, then F1000', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 1, { prefixFamily: 'finance' });
    await openWindow(ctx.app, clerks[0]!.username, (await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`)[0]!.number);
    await kioskIssue(ctx.app, service);
    await ctx.app.pg.sql`update ticket_sequences set last_seq = 998 where prefix = 'F'`;
    const numbers = [(await kioskIssue(ctx.app, service)).json().number, (await kioskIssue(ctx.app, service)).json().number];
    expect(numbers).toEqual(['F999', 'F1000']);
    const rows = await ctx.app.pg.sql`select number, seq from tickets where prefix = 'F' and seq >= 999 order by seq`;
    expect(rows.map((r) => [r.number, r.seq])).toEqual([['F999', 999], ['F1000', 1000]]);
  });

  it('tells people ahead and an estimated wait from the catalogue default', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 1);
    await openWindow(ctx.app, clerks[0]!.username, (await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`)[0]!.number);
    await kioskIssue(ctx.app, service);
    await kioskIssue(ctx.app, service);
    const third = (await kioskIssue(ctx.app, service)).json();
    // Two ahead × 5 default minutes ÷ one staffed window.
    expect(third).toMatchObject({ ahead: 2, estimatedWaitMinutes: 10 });
    // A walk-in ticket's page (read from the rows by its id) says what the kiosk's answer said.
    const page = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/tickets/${id}` })).json();
    expect(await page(third.id)).toEqual(third);
    const priority = (await kioskIssue(ctx.app, service, { priority: true })).json();
    expect(priority.ahead).toBe(0);
    expect(await page(priority.id)).toEqual(priority);
    // The priority ticket now goes first: the third's page says so.
    expect((await page(third.id)).ahead).toBe(3);
  });
});

describe('a student’s tickets', () => {
  it('allows one active ticket per service, and only the holder can read or cancel it', async () => {
    await openWindow(ctx.app, 'clerk14', 14);
    const grade = await serviceId(ctx.app, 'w14-grade-review');
    const alice = await sessionFor(ctx.app, 'S0001');
    const bob = await sessionFor(ctx.app, 'S0002');
    const issued = await injectAs(ctx.app, alice, { method: 'POST', url: '/api/tickets', payload: { serviceId: grade } });
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json() as { id: string; number: string };
    expect(ticket.number).toMatch(/^J\d{3}$/);
    // The issue's answer is built from the issue itself, with only its place read back: it must be
    // exactly what the ticket page reads from the rows.
    expect((await injectAs(ctx.app, alice, { method: 'GET', url: `/api/tickets/${ticket.id}` })).json()).toEqual(issued.json());
    const twice = await injectAs(ctx.app, alice, { method: 'POST', url: '/api/tickets', payload: { serviceId: grade } });
    expect(twice.json()).toMatchObject({ code: 'ticket_already_active', ticketId: ticket.id });

    expect((await injectAs(ctx.app, bob, { url: `/api/tickets/${ticket.id}` })).statusCode).toBe(404);
    expect((await injectAs(ctx.app, bob, { method: 'DELETE', url: `/api/tickets/${ticket.id}` })).statusCode).toBe(404);
    expect((await ctx.app.inject(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await injectAs(ctx.app, bob, { url: '/api/me/tickets' })).json().items).toEqual([]);

    const mine = (await injectAs(ctx.app, alice, { url: '/api/me/tickets' })).json().items as { id: string }[];
    expect(mine.map((t) => t.id)).toContain(ticket.id);
    const cancelled = await injectAs(ctx.app, alice, { method: 'DELETE', url: `/api/tickets/${ticket.id}` });
    expect(cancelled.json().status).toBe('cancelled');
    const again = await injectAs(ctx.app, alice, { method: 'DELETE', url: `/api/tickets/${ticket.id}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('illegal_transition');
    // Cancelled, so a new one may be taken.
    expect((await injectAs(ctx.app, alice, { method: 'POST', url: '/api/tickets', payload: { serviceId: grade } })).statusCode).toBe(201);
  });

  it('refuses a priority ticket a student asks for online, and takes nothing', async () => {
    await openWindow(ctx.app, 'clerk15', 15);
    const service = (await ctx.app.pg.sql`select service_id from service_windows sw join windows w on w.id = sw.window_id where w.number = 15 limit 1`)[0]!.service_id as number;
    const student = await sessionFor(ctx.app, 'S0011');
    const [before] = await ctx.app.pg.sql`select count(*)::int as n from tickets t join people p on p.id = t.person_id where p.number = 'S0011'`;
    const res = await injectAs(ctx.app, student, { method: 'POST', url: '/api/tickets', payload: { serviceId: service, priority: true } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('priority_not_self_service');
    const [after] = await ctx.app.pg.sql`select count(*)::int as n from tickets t join people p on p.id = t.person_id where p.number = 'S0011'`;
    expect(after!.n).toBe(before!.n);
    // The kiosk may: the visitor says so at the machine, and the clerk sees it.
    const kiosk = await kioskIssue(ctx.app, service, { priority: true });
    expect(kiosk.statusCode).toBe(201);
    expect(kiosk.json().priority).toBe(true);
  });

  it('lets a walk-in ticket be read by its id (the printed QR code), without personal data', async () => {
    const grade = await serviceId(ctx.app, 'w14-grade-review');
    const walkIn = (await kioskIssue(ctx.app, grade)).json();
    const res = await ctx.app.inject(`/api/tickets/${walkIn.id}`);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).not.toContain('holder');
  });
});

describe('the clerk’s loop', () => {
  it('calls, recalls, starts and finishes, enforcing the checklist', async () => {
    const { token, windowId } = await openWindow(ctx.app, 'clerk08', 8);
    const loan = await serviceId(ctx.app, 'w08-household-card-loan');
    const issued = (await kioskIssue(ctx.app, loan, { studentNumber: 'S0015' })).json();

    const called = await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
    expect(called.statusCode).toBe(200);
    expect(called.json().id).toBe(issued.id);
    const busy = await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
    expect(busy.json().code).toBe('ticket_in_progress');

    const recalled = await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/recall` });
    expect(recalled.statusCode).toBe(200);
    expect((await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/finish`, payload: { outcome: 'done' } })).json().code).toBe('illegal_transition');
    expect((await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/start` })).json().status).toBe('serving');

    const queue = (await injectAs(ctx.app, token, { url: `/api/windows/${windowId}/queue` })).json();
    expect(queue.current[0].holder).toMatch(/^\S\*+\S?$/);
    // A student gets the student form on the checklist, not the staff's ID card.
    const checklist = queue.current[0].checklist as { materialId: number; nameZh: string; required: boolean }[];
    expect(checklist.map((c) => c.nameZh)).toEqual(['《北京化工大学借用户籍卡申请表（学生用）》']);

    const refused = await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/finish`, payload: { outcome: 'done' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('checklist_incomplete');
    const ticked = await injectAs(ctx.app, token, {
      method: 'PUT',
      url: `/api/tickets/${issued.id}/checklist`,
      payload: { items: [{ materialId: checklist[0]!.materialId, checked: true }] },
    });
    expect(ticked.statusCode).toBe(204);
    const done = await injectAs(ctx.app, token, {
      method: 'POST',
      url: `/api/tickets/${issued.id}/finish`,
      payload: { outcome: 'done', loan: { purpose: '办理签证', dueOn: '2099-12-31' } },
    });
    expect(done.json().status).toBe('done');

    const events = await ctx.app.pg.sql`select type, from_status, to_status from ticket_events where ticket_id = ${issued.id} order by id`;
    expect(events.map((e) => e.type)).toEqual(['issued', 'heads_up', 'called', 'recalled', 'started', 'finished']);
    const hall = await ctx.app.pg.sql`select type, payload from hall_events where payload->>'ticketId' = ${issued.id} order by seq`;
    expect(hall.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished']);
    expect(JSON.stringify(hall.map((e) => e.payload))).not.toContain('S0015');
  });

  it('records what was missing for the holder to see', async () => {
    const { token, windowId } = await openWindow(ctx.app, 'clerk02', 2);
    const enlist = await serviceId(ctx.app, 'w02-enlistment-consultation');
    const holder = await sessionFor(ctx.app, 'S0016');
    const issued = (await injectAs(ctx.app, holder, { method: 'POST', url: '/api/tickets', payload: { serviceId: enlist } })).json();
    await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
    await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/start` });
    const finished = await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${issued.id}/finish`, payload: { outcome: 'materials_missing' } });
    expect(finished.json().status).toBe('materials_missing');
    const seen = (await injectAs(ctx.app, holder, { url: `/api/tickets/${issued.id}` })).json();
    expect(seen.missingMaterials.map((m: { nameZh: string }) => m.nameZh)).toEqual(['《应征公民政治审查表》', '《政治考核谈话表》', '《应征公民走访调查表》']);
  });

  it('keeps clerks to their own windows and tickets', async () => {
    const { token: clerk03, windowId: w3 } = await openWindow(ctx.app, 'clerk03', 3);
    const other = await sessionFor(ctx.app, 'clerk04');
    const loans = await serviceId(ctx.app, 'w03-campus-national-loan');
    const issued = (await kioskIssue(ctx.app, loans)).json();
    expect((await ctx.app.inject({ method: 'POST', url: `/api/windows/${w3}/call-next`, headers: asCookie(other) })).statusCode).toBe(403);
    await injectAs(ctx.app, clerk03, { method: 'POST', url: `/api/windows/${w3}/call-next` });
    for (const action of ['recall', 'start', 'no-show']) {
      expect((await injectAs(ctx.app, other, { method: 'POST', url: `/api/tickets/${issued.id}/${action}` })).statusCode).toBe(404);
    }
    expect((await injectAs(ctx.app, clerk03, { method: 'POST', url: `/api/tickets/${issued.id}/no-show` })).json().status).toBe('no_show');
    // Closing the window works once nothing is in progress; a second session elsewhere is refused while open.
    const elsewhere = await ctx.app.inject({ method: 'POST', url: `/api/windows/${w3}/sessions`, headers: asCookie(other) });
    expect(elsewhere.statusCode).toBe(403);
    const closed = await injectAs(ctx.app, clerk03, { method: 'PATCH', url: `/api/windows/${w3}/session`, payload: { status: 'closed' } });
    expect(closed.json().status).toBe('closed');
  });
});

describe('many clerks on one line', () => {
  it('8 clerks calling in parallel call every ticket exactly once, in priority-then-arrival order', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 8, { priorityRun: 1000 });
    const sessions = await Promise.all(
      clerks.map(async (c) => {
        const [w] = await ctx.app.pg.sql`select number from windows where id = ${c.windowId}`;
        return openWindow(ctx.app, c.username, w!.number as number);
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push((await kioskIssue(ctx.app, service, { priority: i % 5 === 0 })).json().id);

    const callsPerClerk = await Promise.all(
      sessions.map(async ({ token, windowId }) => {
        const got: string[] = [];
        for (;;) {
          const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
          if (res.statusCode === 204) return got;
          expect(res.statusCode).toBe(200);
          const id = res.json().id as string;
          got.push(id);
          await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${id}/start` });
          await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${id}/finish`, payload: { outcome: 'done' } });
        }
      }),
    );
    const called = callsPerClerk.flat();
    expect(called).toHaveLength(120);
    expect(new Set(called)).toEqual(new Set(ids));
    const calls = await ctx.app.pg.sql`select count(*)::int as n from ticket_events where type = 'called' and ticket_id in ${ctx.app.pg.sql(ids)}`;
    expect(calls[0]!.n).toBe(120);

    // The order of calls follows the rank, give or take the calls in flight at once.
    const rows = await ctx.app.pg.sql`select id from tickets where id in ${ctx.app.pg.sql(ids)} order by priority desc, queued_at, seq`;
    const rank = new Map(rows.map((r, i) => [r.id as string, i]));
    const byCall = await ctx.app.pg.sql`select ticket_id from ticket_events where type = 'called' and ticket_id in ${ctx.app.pg.sql(ids)} order by id`;
    byCall.forEach((r, i) => expect(Math.abs(rank.get(r.ticket_id as string)! - i)).toBeLessThan(8));
    expect(callsPerClerk.every((c) => c.length > 0)).toBe(true);
    // 360 requests from 8 clerks at once: a loaded 2-core machine needs more than the 20 s default.
  }, 60_000);

  it('serves one normal ticket after every two priority ones, so priority never starves the line', async () => {
    const { serviceId: service, clerks } = await createServiceWithWindows(ctx.app, 1, { priorityRun: 2 });
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`;
    const { token, windowId } = await openWindow(ctx.app, clerks[0]!.username, w!.number as number);
    const issued: Record<string, string> = {};
    for (const label of ['N1', 'N2', 'P1', 'P2', 'P3', 'P4']) {
      issued[(await kioskIssue(ctx.app, service, { priority: label.startsWith('P') })).json().id] = label;
    }
    const order: string[] = [];
    for (;;) {
      const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
      if (res.statusCode === 204) break;
      order.push(issued[res.json().id]!);
      await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${res.json().id}/no-show` });
    }
    expect(order).toEqual(['P1', 'P2', 'N1', 'P3', 'P4', 'N2']);
  });
});
