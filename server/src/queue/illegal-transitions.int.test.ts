import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue, openWindow } from '../../../test-support/factories.ts';
import { canTransition, type TicketAction, type TicketStatus } from './transitions.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'parked', 'done', 'materials_missing', 'referred', 'no_show', 'cancelled', 'transferred', 'expired'];

/** Each action through its real endpoint. */
const ENDPOINTS: { action: TicketAction; method: 'POST' | 'DELETE'; path: (id: string) => string; payload?: object; device?: boolean }[] = [
  { action: 'recall', method: 'POST', path: (id) => `/api/tickets/${id}/recall` },
  { action: 'start', method: 'POST', path: (id) => `/api/tickets/${id}/start` },
  { action: 'finish', method: 'POST', path: (id) => `/api/tickets/${id}/finish`, payload: { outcome: 'referred' } },
  { action: 'no_show', method: 'POST', path: (id) => `/api/tickets/${id}/no-show` },
  { action: 'park', method: 'POST', path: (id) => `/api/tickets/${id}/park`, payload: {} },
  { action: 'transfer', method: 'POST', path: (id) => `/api/tickets/${id}/transfer`, payload: { note: 'x' } },
  { action: 'cancel', method: 'DELETE', path: (id) => `/api/tickets/${id}` },
  { action: 'rejoin', method: 'POST', path: (id) => `/api/tickets/${id}/rejoin`, device: true },
];

describe('illegal transitions', () => {
  it('answer 409 illegal_transition for every action a status does not allow, and change nothing', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 1);
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`;
    const { token, windowId } = await openWindow(ctx.app, clerks[0]!.username, w!.number as number);
    let tried = 0;
    for (const status of STATUSES) {
      for (const endpoint of ENDPOINTS) {
        if (canTransition(endpoint.action, status)) continue;
        const ticket = (await kioskIssue(ctx.app, serviceId)).json();
        await ctx.app.pg.sql`update tickets set status = ${status}::ticket_status, window_id = ${windowId},
          finished_at = case when ${status} in ('waiting', 'called', 'serving', 'parked') then null else now() end where id = ${ticket.id}`;
        const res = endpoint.device
          ? await ctx.app.inject({ method: endpoint.method, url: endpoint.path(ticket.id), headers: { authorization: 'Bearer demo-kiosk' } })
          : await injectAs(ctx.app, token, { method: endpoint.method, url: endpoint.path(ticket.id), ...(endpoint.payload ? { payload: endpoint.payload } : {}) });
        expect(res.statusCode, `${endpoint.action} on ${status}`).toBe(409);
        expect(res.json().code, `${endpoint.action} on ${status}`).toBe('illegal_transition');
        const [after] = await ctx.app.pg.sql`select status from tickets where id = ${ticket.id}`;
        expect(after!.status).toBe(status);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(60);
  });

  it('refuses tickets past the daily cap with a clear message', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 1);
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`;
    await openWindow(ctx.app, clerks[0]!.username, w!.number as number);
    await ctx.app.pg.sql`update services set daily_cap = 3 where id = ${serviceId}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => kioskIssue(ctx.app, serviceId)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.json()).toMatchObject({ code: 'daily_cap_reached', detail: expect.stringContaining('3') });
  });

  it('refuses a kiosk ticket for a service taken out of use, and writes nothing for it', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 1);
    const [w] = await ctx.app.pg.sql`select number from windows where id = ${clerks[0]!.windowId}`;
    await openWindow(ctx.app, clerks[0]!.username, w!.number as number);
    expect((await kioskIssue(ctx.app, serviceId)).statusCode).toBe(201);
    // Straight in the table: the window list's cache still says the service is open.
    await ctx.app.pg.sql`update services set active = false where id = ${serviceId}`;
    const counted = async () => (await ctx.app.pg.sql`select
      (select count(*)::int from tickets where service_id = ${serviceId}) as tickets,
      (select coalesce(sum(last_seq), 0)::int from ticket_sequences s join tickets t on t.prefix = s.prefix and t.hall_date = s.hall_date where t.service_id = ${serviceId}) as numbers,
      (select count(*)::int from hall_events where type = 'ticket.issued' and (payload ->> 'serviceId')::int = ${serviceId}) as events`)[0]!;
    const before = await counted();
    const res = await kioskIssue(ctx.app, serviceId);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('service_not_found');
    expect(await counted()).toEqual(before);
  });
});
