import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createServiceWithWindows, kioskIssue } from '../../../test-support/factories.ts';

/**
 * One rule for every clerk action on a ticket at a window: the ticket is at one of the clerk's
 * windows (404 otherwise), and the clerk holds that window's session, open. Tried per action, each
 * refusal leaving the ticket and its history as they were.
 */
const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });

type Status = 'waiting' | 'called' | 'serving' | 'parked';
const ACTIONS: { name: string; from: Status; method: 'POST' | 'PUT' | 'DELETE'; path: (id: string) => string; payload?: (ctx: { otherWindow: number }) => object }[] = [
  { name: 'recall', from: 'called', method: 'POST', path: (id) => `/api/tickets/${id}/recall` },
  { name: 'start', from: 'called', method: 'POST', path: (id) => `/api/tickets/${id}/start` },
  { name: 'no-show', from: 'called', method: 'POST', path: (id) => `/api/tickets/${id}/no-show` },
  { name: 'finish', from: 'serving', method: 'POST', path: (id) => `/api/tickets/${id}/finish`, payload: () => ({ outcome: 'referred' }) },
  { name: 'checklist', from: 'serving', method: 'PUT', path: (id) => `/api/tickets/${id}/checklist`, payload: () => ({ items: [{ materialId: 1, checked: true }] }) },
  { name: 'park', from: 'serving', method: 'POST', path: (id) => `/api/tickets/${id}/park`, payload: () => ({}) },
  { name: 'transfer', from: 'serving', method: 'POST', path: (id) => `/api/tickets/${id}/transfer`, payload: ({ otherWindow }) => ({ windowId: otherWindow, note: '转办', confirmClosed: true }) },
  { name: 'cancel', from: 'called', method: 'DELETE', path: (id) => `/api/tickets/${id}` },
];

async function setup() {
  const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 2);
  const [a, b] = clerks as [{ username: string; windowId: number }, { username: string; windowId: number }];
  // A checklist item so that ticking is possible.
  const [material] = await ctx.app.pg.sql<{ id: number }[]>`insert into service_materials (service_id, name_zh, name_en, kind, applicant_type, required, position)
    values (${serviceId}, '身份证原件', 'ID card', 'original', 'anyone', true, 1) returning id`;
  return { serviceId, a: { ...a, token: await sessionFor(ctx.app, a.username) }, b: { ...b, token: await sessionFor(ctx.app, b.username) }, materialId: material!.id };
}

async function openSession(token: string, windowId: number) {
  const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/sessions` });
  expect(res.statusCode, res.body).toBe(201);
}

/** A ticket of the line, put at a window in a given status straight in the rows. */
async function ticketAt(serviceId: number, windowId: number, status: Status, materialId: number) {
  const { id } = (await kioskIssue(ctx.app, serviceId)).json<{ id: string }>();
  await ctx.app.pg.sql`update tickets set status = ${status}::ticket_status, window_id = ${windowId}, called_at = now() where id = ${id}`;
  await ctx.app.pg.sql`insert into ticket_checklist (ticket_id, material_id) values (${id}, ${materialId}) on conflict do nothing`;
  return id;
}

const state = async (id: string) => {
  const [row] = await ctx.app.pg.sql`select status, window_id, updated_at::text, recall_count,
    (select count(*)::int from ticket_events e where e.ticket_id = t.id) as events,
    (select count(*)::int from ticket_checklist c where c.ticket_id = t.id and c.checked) as ticked
    from tickets t where id = ${id}`;
  return row;
};

describe('the one rule for clerk actions', () => {
  it('refuses every action without the clerk’s own open session at the ticket’s window, and allows it with one', async () => {
    const { serviceId, a, b, materialId } = await setup();
    await openSession(b.token, b.windowId);
    let refused = 0;
    for (const action of ACTIONS) {
      const payload = action.payload?.({ otherWindow: b.windowId });
      const send = (token: string, id: string) =>
        injectAs(ctx.app, token, { method: action.method, url: action.path(id), ...(payload ? { payload: action.name === 'checklist' ? { items: [{ materialId, checked: true }] } : payload } : {}) });

      // 1. No session at the window.
      const id = await ticketAt(serviceId, a.windowId, action.from, materialId);
      const before = await state(id);
      const none = await send(a.token, id);
      expect([none.statusCode, none.json().code], `${action.name} without a session`).toEqual([409, 'no_open_session']);
      // 2. On a break (a session paused while a ticket was at the window, as an older version allowed).
      await openSession(a.token, a.windowId);
      await ctx.app.pg.sql`update window_sessions set status = 'paused', paused_at = now() where window_id = ${a.windowId} and status = 'open'`;
      const paused = await send(a.token, id);
      expect([paused.statusCode, paused.json().code], `${action.name} on a break`).toEqual([409, 'session_paused']);
      // 3. The clerk of another window serving the same service.
      const other = await send(b.token, id);
      expect(other.statusCode, `${action.name} by another window's clerk`).toBe(404);
      expect(await state(id), `${action.name}: nothing changed`).toEqual(before);
      refused += 3;

      // With the session open again, the same request goes through.
      await ctx.app.pg.sql`update window_sessions set status = 'open', paused_at = null where window_id = ${a.windowId} and status = 'paused'`;
      const ok = await send(a.token, id);
      expect(ok.statusCode, `${action.name} in the open session: ${ok.body}`).toBeLessThan(300);
      await ctx.app.pg.sql`update window_sessions set status = 'closed', closed_at = now() where window_id = ${a.windowId} and status <> 'closed'`;
    }
    expect(refused).toBe(ACTIONS.length * 3);
  });

  it('calls a specific ticket only when call-next could give it to this window', async () => {
    const { serviceId, a, b, materialId } = await setup();
    await openSession(a.token, a.windowId);
    const call = (id: string) => injectAs(ctx.app, a.token, { method: 'POST', url: `/api/windows/${a.windowId}/call`, payload: { ticketId: id, reason: '按需叫号' } });
    const [bAccount] = await ctx.app.pg.sql<{ id: number }[]>`select id from accounts where username = ${b.username}`;

    const sentElsewhere = await ticketAt(serviceId, b.windowId, 'waiting', materialId);
    const forOtherClerk = (await kioskIssue(ctx.app, serviceId)).json<{ id: string }>().id;
    await ctx.app.pg.sql`update tickets set assigned_account_id = ${bAccount!.id} where id = ${forOtherClerk}`;
    const yesterday = (await kioskIssue(ctx.app, serviceId)).json<{ id: string }>().id;
    await ctx.app.pg.sql`update tickets set hall_date = hall_date - 1 where id = ${yesterday}`;
    const parkedElsewhere = await ticketAt(serviceId, b.windowId, 'parked', materialId);
    for (const id of [sentElsewhere, forOtherClerk, yesterday, parkedElsewhere]) {
      const before = await state(id);
      expect((await call(id)).statusCode).toBe(404);
      expect(await state(id)).toEqual(before);
    }
    const plain = (await kioskIssue(ctx.app, serviceId)).json<{ id: string }>().id;
    expect((await call(plain)).json()).toMatchObject({ id: plain });
  });

  it('lets a clerk cancel a waiting ticket of their line, but not one called at another clerk’s window', async () => {
    const { serviceId, a, b, materialId } = await setup();
    await openSession(a.token, a.windowId);
    await openSession(b.token, b.windowId);
    const atB = await ticketAt(serviceId, b.windowId, 'called', materialId);
    const before = await state(atB);
    expect((await injectAs(ctx.app, a.token, { method: 'DELETE', url: `/api/tickets/${atB}` })).statusCode).toBe(404);
    expect(await state(atB)).toEqual(before);
    const waiting = (await kioskIssue(ctx.app, serviceId)).json<{ id: string }>().id;
    expect((await injectAs(ctx.app, a.token, { method: 'DELETE', url: `/api/tickets/${waiting}` })).json()).toMatchObject({ status: 'cancelled' });
  });

  it('refuses a transfer to a window nobody staffs unless the clerk confirms it', async () => {
    const { serviceId, a, b, materialId } = await setup();
    await openSession(a.token, a.windowId);
    const id = await ticketAt(serviceId, a.windowId, 'serving', materialId);
    const before = await state(id);
    const [bNumber] = await ctx.app.pg.sql<{ number: number }[]>`select number from windows where id = ${b.windowId}`;
    const refused = await injectAs(ctx.app, a.token, { method: 'POST', url: `/api/tickets/${id}/transfer`, payload: { windowId: b.windowId, note: '转办' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'transfer_target_closed', windowNumbers: [bNumber!.number] });
    expect(await state(id)).toEqual(before);
    expect((await ctx.app.pg.sql`select count(*)::int as n from tickets where transferred_from_id = ${id}`)[0]!.n).toBe(0);

    // Once the clerk of B is on a break, B is staffed: the transfer goes through without asking.
    await openSession(b.token, b.windowId);
    await injectAs(ctx.app, b.token, { method: 'PATCH', url: `/api/windows/${b.windowId}/session`, payload: { status: 'paused' } });
    const moved = await injectAs(ctx.app, a.token, { method: 'POST', url: `/api/tickets/${id}/transfer`, payload: { windowId: b.windowId, note: '转办' } });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('refuses a break while a ticket is at the window', async () => {
    const { serviceId, a, materialId } = await setup();
    await openSession(a.token, a.windowId);
    await ticketAt(serviceId, a.windowId, 'called', materialId);
    const res = await injectAs(ctx.app, a.token, { method: 'PATCH', url: `/api/windows/${a.windowId}/session`, payload: { status: 'paused' } });
    expect([res.statusCode, res.json().code]).toEqual([409, 'ticket_in_progress']);
  });
});
