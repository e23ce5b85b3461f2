import { describe, expect, it } from 'vitest';
import { expireStaleTickets } from '../../../jobs/src/expire-tickets.ts';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow } from '../../../test-support/factories.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const FINAL = ['done', 'materials_missing', 'referred', 'no_show', 'cancelled', 'transferred', 'expired'];

/**
 * A whole day: three windows on one line and one on another, 200 tickets, calls, no-shows,
 * transfers, missing materials, a few left in line at closing. Every ticket must end in a final
 * state, and the audit log must tell the same story as the tickets' own history.
 */
describe('a scripted day', () => {
  it('ends with every ticket final and an audit log consistent with the transitions', async () => {
    const main = await createServiceWithWindows(ctx.app, 3);
    const side = await createServiceWithWindows(ctx.app, 1);
    const open = async (c: { username: string; windowId: number }) => {
      const [w] = await ctx.app.pg.sql`select number from windows where id = ${c.windowId}`;
      return openWindow(ctx.app, c.username, w!.number as number);
    };
    const desks = await Promise.all(main.clerks.map(open));
    const [sideDesk] = await Promise.all(side.clerks.map(open));

    const issued: string[] = [];
    for (let i = 0; i < 200; i++) issued.push((await kioskIssue(ctx.app, main.serviceId, { priority: i % 17 === 0 })).json().id);

    const post = (token: string, url: string, payload?: object) => injectAs(ctx.app, token, { method: 'POST', url, ...(payload ? { payload } : {}) });
    let served = 0;
    // Stop with 12 still waiting, to be expired at closing.
    const work = async ({ token, windowId }: { token: string; windowId: number }) => {
      for (;;) {
        if (served >= 188) return;
        served++;
        const res = await post(token, `/api/windows/${windowId}/call-next`);
        if (res.statusCode === 204) return;
        const id = res.json().id as string;
        const n = issued.indexOf(id);
        if (n % 10 === 3) {
          await post(token, `/api/tickets/${id}/recall`);
          await post(token, `/api/tickets/${id}/no-show`);
          continue;
        }
        await post(token, `/api/tickets/${id}/start`);
        if (n % 10 === 5) {
          const moved = await post(token, `/api/tickets/${id}/transfer`, { serviceId: side.serviceId, note: '转至专项窗口' });
          expect(moved.statusCode).toBe(200);
        } else {
          const outcome = n % 10 === 7 ? 'referred' : 'done';
          expect((await post(token, `/api/tickets/${id}/finish`, { outcome })).statusCode).toBe(200);
        }
      }
    };
    await Promise.all(desks.map(work));

    // The side window serves everything transferred to it.
    for (;;) {
      const res = await post(sideDesk!.token, `/api/windows/${sideDesk!.windowId}/call-next`);
      if (res.statusCode === 204) break;
      await post(sideDesk!.token, `/api/tickets/${res.json().id}/start`);
      await post(sideDesk!.token, `/api/tickets/${res.json().id}/finish`, { outcome: 'done' });
    }

    // Closing: clerks close their sessions, then the workers' expiry runs.
    for (const d of [...desks, sideDesk!]) {
      const closed = await injectAs(ctx.app, d.token, { method: 'PATCH', url: `/api/windows/${d.windowId}/session`, payload: { status: 'closed' } });
      expect(closed.statusCode).toBe(200);
    }
    const expired = await expireStaleTickets(ctx.app.db, ctx.config.hallTz);
    expect(expired).toBe(12);

    const tickets = await ctx.app.pg.sql`select id, status from tickets where service_id in (${main.serviceId}, ${side.serviceId})`;
    expect(tickets.length).toBeGreaterThan(200);
    expect(tickets.filter((t) => !FINAL.includes(t.status as string))).toEqual([]);
    const counts = Object.fromEntries(FINAL.map((s) => [s, tickets.filter((t) => t.status === s).length]));
    expect(counts.expired).toBe(12);
    expect(counts.transferred).toBeGreaterThan(0);
    expect(counts.no_show).toBeGreaterThan(0);

    // Every audited transition has its ticket event, and every ticket event of a person's or
    // device's action has its audit row.
    const ids = tickets.map((t) => t.id as string);
    const events = await ctx.app.pg.sql`select ticket_id, type from ticket_events where ticket_id in ${ctx.app.pg.sql(ids)} and type <> 'heads_up'`;
    const audit = await ctx.app.pg.sql`select object_id, action from audit_log where object_type = 'ticket' and object_id in ${ctx.app.pg.sql(ids)}`;
    const key = (id: string, action: string) => `${id} ${action}`;
    const audited = audit.map((a) => key(a.object_id as string, a.action as string)).sort();
    const transitions = events
      .filter((e) => !(e.type === 'issued' && tickets.some((t) => t.id === e.ticket_id && !issued.includes(e.ticket_id as string))))
      .map((e) => key(e.ticket_id as string, `ticket.${e.type}`))
      .sort();
    expect(audited).toEqual(transitions);
    // The audit log cannot be rewritten afterwards.
    await expect(ctx.app.pg.sql`delete from audit_log where object_type = 'ticket'`).rejects.toThrow(/append-only/);
  }, 60_000);
});
