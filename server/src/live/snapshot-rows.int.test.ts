import { afterAll, describe, expect, it } from 'vitest';
import { asCookie, sessionFor } from '../../../test-support/auth.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import { useListeningApp } from '../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';
import type { BoardSnapshot } from './snapshots.ts';

/**
 * What a lobby TV shows right after a reload is the snapshot: every figure in it is compared with
 * the rows it summarises, counted here in SQL of the test's own, never with the code that built it.
 */
const ctx = useListeningApp({ SERVE_UI: 'false' });
const clients: LiveProbe[] = [];
afterAll(() => clients.forEach((c) => c.close()));

async function freshBoard(): Promise<BoardSnapshot> {
  const client = await connectLive(ctx.baseUrl);
  clients.push(client);
  return (await client.subscribe('board')).data as unknown as BoardSnapshot;
}

async function post(token: string, url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method: 'POST', url, headers: asCookie(token), ...(payload ? { payload: payload as object } : {}) });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json<{ id: string; number: string }>();
}

describe('a board snapshot equals the rows', () => {
  it('shows every family’s waiting count, every window’s state and number, the last calls and the notices as the tables hold them', async () => {
    const { sql } = ctx.app.pg;
    // A hall mid-morning: tickets waiting in three families, windows open, paused and closed,
    // tickets called, served, recalled, finished and cancelled.
    const card = await openWindow(ctx.app, 'clerk20', 20);
    const household = await openWindow(ctx.app, 'clerk08', 8);
    const academic = await openWindow(ctx.app, 'clerk14', 14);
    const lost = await serviceId(ctx.app, 'w20-card-report-lost');
    const password = await serviceId(ctx.app, 'w20-card-password');
    const letter = await serviceId(ctx.app, 'w08-household-certificate');
    const transcript = (await sql<{ id: number }[]>`select s.id from services s join service_windows sw on sw.service_id = s.id join windows w on w.id = sw.window_id where w.number = 14 order by s.id limit 1`)[0]!.id;
    for (const service of [lost, password, lost, password, lost, letter, letter, letter, transcript, transcript]) {
      expect((await kioskIssue(ctx.app, service)).statusCode).toBe(201);
    }
    const first = await post(card.token, `/api/windows/${card.windowId}/call-next`);
    await post(card.token, `/api/tickets/${first.id}/recall`);
    await post(card.token, `/api/tickets/${first.id}/start`);
    const second = await post(household.token, `/api/windows/${household.windowId}/call-next`);
    const academicCall = await post(academic.token, `/api/windows/${academic.windowId}/call-next`);
    await post(academic.token, `/api/tickets/${academicCall.id}/start`);
    await post(academic.token, `/api/tickets/${academicCall.id}/finish`, { outcome: 'done', overrideReason: 'test' });
    const paused = await ctx.app.inject({ method: 'PATCH', url: `/api/windows/${academic.windowId}/session`, headers: asCookie(academic.token), payload: { status: 'paused' } });
    expect(paused.statusCode).toBe(200);
    const [toCancel] = await sql<{ id: string }[]>`select id from tickets where status = 'waiting' and service_id = ${letter} order by seq desc limit 1`;
    const cancelled = await ctx.app.inject({ method: 'DELETE', url: `/api/tickets/${toCancel!.id}`, headers: asCookie(household.token) });
    expect(cancelled.statusCode).toBe(200);
    const admin = await sessionFor(ctx.app, 'admin');
    const notice = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: asCookie(admin), payload: { textZh: '今日下午三点起校园卡业务暂停办理' } });
    expect(notice.statusCode).toBe(201);
    expect(second.number).toMatch(/^H/);

    const snapshot = await freshBoard();

    const waiting = await sql<{ code: string; n: number }[]>`
      select f.code, (select count(*)::int from tickets t join services s on s.id = t.service_id where t.status = 'waiting' and s.family_code = f.code) as n
      from window_families f`;
    expect(waiting.filter((w) => w.n > 0).length).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(snapshot.families.map((f) => [f.code, f.waiting]))).toEqual(Object.fromEntries(waiting.map((w) => [w.code, w.n])));

    const windows = await sql<{ id: number; number: number; state: string | null; current: string | null; current_status: string | null }[]>`
      select w.id, w.number,
        (select s.status::text from window_sessions s where s.window_id = w.id and s.status <> 'closed') as state,
        (select t.number from tickets t where t.window_id = w.id and t.status in ('called', 'serving')) as current,
        (select t.status::text from tickets t where t.window_id = w.id and t.status in ('called', 'serving')) as current_status
      from windows w where w.status <> 'retired' order by w.number`;
    expect(snapshot.windows.map((w) => ({ number: w.number, state: w.state, current: w.current?.number ?? null, status: w.current?.status ?? null }))).toEqual(
      windows.map((w) => ({ number: w.number, state: w.state ?? 'closed', current: w.current, status: w.current_status })),
    );
    expect(snapshot.windows.filter((w) => w.state !== 'closed').length).toBe(3);

    const calls = await sql<{ number: string; window_number: number; type: string }[]>`
      select t.number, w.number as window_number, e.type from ticket_events e
      join tickets t on t.id = e.ticket_id join windows w on w.id = e.window_id
      where e.type in ('called', 'recalled') order by e.at desc, e.id desc limit 10`;
    expect(snapshot.recentCalls.map((c) => ({ number: c.number, windowNumber: c.windowNumber, recall: c.recall }))).toEqual(
      calls.map((c) => ({ number: c.number, windowNumber: c.window_number, recall: c.type === 'recalled' })),
    );

    const notices = await sql<{ text_zh: string }[]>`select text_zh from notices where ends_at is null or ends_at > now() order by starts_at, id`;
    expect(snapshot.notices.map((n) => n.textZh)).toEqual(notices.map((n) => n.text_zh));
  });
});
