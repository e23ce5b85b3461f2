import { afterAll, describe, expect, it } from 'vitest';
import { asCookie, sessionFor } from '../../../test-support/auth.ts';
import { useListeningApp } from '../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';
import { MAX_OPEN_NOTICES } from './notices.ts';

const ctx = useListeningApp({ SERVE_UI: 'false' });
let board: LiveProbe | undefined;
afterAll(() => board?.close());

async function asAdmin(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const token = await sessionFor(ctx.app, 'admin');
  return ctx.app.inject({ method, url, headers: asCookie(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

describe('lobby notices', () => {
  it('reach every connected board the moment an admin writes, changes or removes one', async () => {
    board = await connectLive(ctx.baseUrl);
    const snapshot = await board.subscribe('board');
    expect((snapshot.data as { notices: unknown[] }).notices).toEqual([]);

    const created = await asAdmin('POST', '/api/admin/notices', { textZh: '  今日下午 14:00 起校园卡中心暂停办理  ', textEn: 'Card centre closed from 14:00' });
    expect(created.statusCode).toBe(201);
    const notice = created.json<{ id: number; textZh: string; active: boolean }>();
    expect(notice).toMatchObject({ textZh: '今日下午 14:00 起校园卡中心暂停办理', active: true });
    const first = await board.waitFor((m) => m.event?.type === 'notices.changed');
    expect(first.event!.data.notices).toEqual([expect.objectContaining({ id: notice.id, textEn: 'Card centre closed from 14:00' })]);

    const changed = await asAdmin('PATCH', `/api/admin/notices/${notice.id}`, { textEn: '' });
    expect(changed.json()).toMatchObject({ textEn: null });
    await board.waitFor((m) => m.event?.type === 'notices.changed' && (m.event.data.notices as { textEn: unknown }[])[0]?.textEn === null);

    expect((await asAdmin('DELETE', `/api/admin/notices/${notice.id}`)).statusCode).toBe(204);
    await board.waitFor((m) => m.event?.type === 'notices.changed' && (m.event.data.notices as unknown[]).length === 0);
    expect((await asAdmin('DELETE', `/api/admin/notices/${notice.id}`)).statusCode).toBe(404);

    const audit = await ctx.app.pg.sql`select action from audit_log where object_type = 'notice' order by id`;
    expect(audit.map((a) => a.action)).toEqual(['notice.created', 'notice.changed', 'notice.deleted']);
  });

  it('lists scheduled notices publicly but not ended ones', async () => {
    const later = new Date(Date.now() + 3600_000).toISOString();
    const past = [new Date(Date.now() - 7200_000).toISOString(), new Date(Date.now() - 3600_000).toISOString()];
    const scheduled = (await asAdmin('POST', '/api/admin/notices', { textZh: '明日停电检修', startsAt: later })).json<{ id: number; active: boolean }>();
    expect(scheduled.active).toBe(false);
    const ended = (await asAdmin('POST', '/api/admin/notices', { textZh: '已结束', startsAt: past[0], endsAt: past[1] })).json<{ id: number }>();
    const list = (await ctx.app.inject('/api/notices')).json<{ notices: { id: number }[] }>();
    expect(list.notices.map((n) => n.id)).toContain(scheduled.id);
    expect(list.notices.map((n) => n.id)).not.toContain(ended.id);
  });

  it('refuses bad notices with a stable code and keeps what was there', async () => {
    const [before] = await ctx.app.pg.sql`select count(*)::int as n from notices`;
    expect((await asAdmin('POST', '/api/admin/notices', { textZh: '   ' })).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await asAdmin('POST', '/api/admin/notices', { textZh: 'x'.repeat(201) })).statusCode).toBe(400);
    const now = new Date().toISOString();
    expect((await asAdmin('POST', '/api/admin/notices', { textZh: '反了', startsAt: now, endsAt: now })).json()).toMatchObject({ status: 422, code: 'notice_ends_before_start' });
    const some = (await asAdmin('POST', '/api/admin/notices', { textZh: '正常' })).json<{ id: number }>();
    expect((await asAdmin('PATCH', `/api/admin/notices/${some.id}`, { endsAt: '2000-01-01T00:00:00Z' })).json()).toMatchObject({ code: 'notice_ends_before_start' });
    expect((await asAdmin('PATCH', `/api/admin/notices/${some.id}`, {})).statusCode).toBe(400);
    const [after] = await ctx.app.pg.sql`select count(*)::int as n from notices`;
    expect(after!.n - before!.n).toBe(1);
    const [kept] = await ctx.app.pg.sql`select ends_at from notices where id = ${some.id}`;
    expect(kept!.ends_at).toBeNull();
  });

  it('keeps at most 50 notices running or scheduled, refusing one more and changing nothing', async () => {
    const open = (await ctx.app.pg.sql<{ n: number }[]>`select count(*)::int as n from notices where ends_at is null or ends_at > now()`)[0]!.n;
    for (let i = open; i < MAX_OPEN_NOTICES; i++) expect((await asAdmin('POST', '/api/admin/notices', { textZh: `通知 ${i}` })).statusCode).toBe(201);
    const refused = await asAdmin('POST', '/api/admin/notices', { textZh: '再多一条' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'too_many_notices' });
    const rows = (await ctx.app.pg.sql<{ n: number }[]>`select count(*)::int as n from notices where ends_at is null or ends_at > now()`)[0]!.n;
    expect(rows).toBe(MAX_OPEN_NOTICES);
    expect((await ctx.app.pg.sql`select 1 from notices where text_zh = '再多一条'`).length).toBe(0);
  });
});
