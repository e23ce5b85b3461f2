import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test-support/app.ts';
import { injectAs, sessionFor } from '../../test-support/auth.ts';

/**
 * Issue 9, item 13: every list an API route returns is paged (limit/offset with a total, or a
 * cursor), so no answer grows with the tables behind it. Each paged list is read page by page and
 * compared with its rows.
 */
const ctx = useTestApp();

interface Page {
  total: number;
  items?: { id: number }[];
  notices?: { id: number }[];
}

/** Reads a list route page by page; returns the ids in order and the totals every page reported. */
async function readAll(token: string, url: string, limit: number): Promise<{ ids: number[]; totals: Set<number> }> {
  const ids: number[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += limit) {
    const res = await injectAs(ctx.app, token, { url: `${url}${url.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}` });
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    const rows = page.items ?? page.notices ?? [];
    totals.add(page.total);
    ids.push(...rows.map((r) => r.id));
    if (rows.length < limit) return { ids, totals };
    if (offset > 1000) throw new Error(`${url} never ends: is it paged?`);
  }
}

const column = (rows: { id: number }[]) => rows.map((r) => Number(r.id));

describe('paged list routes', () => {
  it('loans: all of them, page by page, earliest due first, with the total the rows have', async () => {
    const sql = ctx.app.pg.sql;
    const [clerk] = await sql`select id from accounts where username = 'clerk08'`;
    await sql`insert into household_card_loans (person_id, purpose, due_on, lent_by, returned_at)
      select p.id, '测试', date '2099-01-01' + (g % 9), ${clerk!.id}, case when g % 3 = 0 then now() end
      from generate_series(1, 23) g, (select id from people where number = 'S0044') p`;
    const token = await sessionFor(ctx.app, 'clerk08');
    const all = await readAll(token, '/api/loans?status=all', 5);
    const rows = await sql`select id from household_card_loans order by due_on, id`;
    expect(all.ids).toEqual(column(rows as unknown as { id: number }[]));
    expect([...all.totals]).toEqual([rows.length]);
    const open = await readAll(token, '/api/loans', 4);
    expect([...open.totals]).toEqual([(await sql`select count(*)::int as n from household_card_loans where returned_at is null`)[0]!.n]);
    // Past the end: no rows, the same total.
    const past = (await injectAs(ctx.app, token, { url: '/api/loans?status=all&limit=5&offset=500' })).json<Page>();
    expect(past).toEqual({ total: rows.length, items: [] });

    const borrower = await sessionFor(ctx.app, 'S0044');
    const mine = await readAll(borrower, '/api/me/loans', 6);
    expect(mine.ids).toEqual(column(rows as unknown as { id: number }[]));
    expect([...mine.totals]).toEqual([rows.length]);
  });

  it('my notifications: newest first, page by page, unread ones apart', async () => {
    const sql = ctx.app.pg.sql;
    const [account] = await sql`select id from accounts where username = 'S0002'`;
    await sql`insert into notifications (account_id, kind, payload, created_at, read_at)
      select ${account!.id}, 'heads_up', '{}', now() - g * interval '1 minute', case when g % 2 = 0 then now() end from generate_series(1, 17) g`;
    const token = await sessionFor(ctx.app, 'S0002');
    const all = await readAll(token, '/api/me/notifications', 4);
    const rows = await sql`select id from notifications where account_id = ${account!.id} order by created_at desc, id desc`;
    expect(all.ids).toEqual(column(rows as unknown as { id: number }[]));
    expect([...all.totals]).toEqual([17]);
    const unread = await readAll(token, '/api/me/notifications?unread=true', 4);
    expect([...unread.totals]).toEqual([9]);
    expect(unread.ids).toHaveLength(9);
  });

  it('devices and notices for admins, and the public notices, page by page', async () => {
    const sql = ctx.app.pg.sql;
    await sql`insert into devices (kind, name, token_hash) select 'kiosk', 'paging kiosk ' || g, 'paging-hash-' || g from generate_series(1, 12) g`;
    await sql`insert into notices (text_zh, starts_at, ends_at)
      select '通知' || g, now() - g * interval '1 hour', case when g % 4 = 0 then now() - interval '1 minute' end from generate_series(1, 14) g`;
    const admin = await sessionFor(ctx.app, 'admin');

    const devices = await readAll(admin, '/api/admin/devices', 5);
    expect(devices.ids).toEqual(column((await sql`select id from devices order by id`) as unknown as { id: number }[]));
    expect([...devices.totals]).toEqual([devices.ids.length]);

    const notices = await readAll(admin, '/api/admin/notices', 5);
    expect(notices.ids).toEqual(column((await sql`select id from notices order by created_at desc, id desc`) as unknown as { id: number }[]));
    expect([...notices.totals]).toEqual([notices.ids.length]);

    const active = await readAll(admin, '/api/notices', 3);
    const activeRows = await sql`select id from notices where ends_at is null or ends_at > now() order by starts_at, id`;
    expect(active.ids).toEqual(column(activeRows as unknown as { id: number }[]));
    expect([...active.totals]).toEqual([activeRows.length]);
  });

  it('refuses a page larger than 200 rows', async () => {
    const admin = await sessionFor(ctx.app, 'admin');
    for (const url of ['/api/loans', '/api/me/loans', '/api/me/notifications', '/api/admin/devices', '/api/admin/notices', '/api/notices', '/api/admin/accounts']) {
      const res = await injectAs(ctx.app, admin, { url: `${url}?limit=201` });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('leaves no list route unpaged but those bounded by the hall itself', async () => {
    // Each of these is bounded by what the hall has, not by how long it has run: a fixed catalogue,
    // one service's or one account's own lists, one person's cards, today's line, one ticket's history.
    const bounded = new Set([
      '/api/services/{id}',
      '/api/me',
      '/api/windows',
      '/api/families',
      '/api/self-service-machines',
      '/api/card-types',
      '/api/me/cards',
      '/api/me/tickets',
      '/api/windows/{id}/queue',
      '/api/tickets/{id}/history',
      // One window's appointments today, one account's own, the catalogue's booking settings.
      '/api/windows/{id}/appointments',
      '/api/me/appointments',
      '/api/admin/booking',
      // One person's cards and their history; a person search answers its 20 best matches.
      '/api/people/{id}/cards',
      '/api/people',
      // One person's door grants; the campus's buildings (tens); one building's rooms and doors.
      '/api/people/{id}/grants',
      '/api/buildings',
      '/api/rooms',
      '/api/doors',
      // The hall's door controllers (a handful, one per building or so).
      '/api/controllers',
    ]);
    const doc = (await ctx.app.inject({ url: '/api/docs' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> }> }>>;
    }>();
    const unpaged: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const get = methods.get;
      const properties = get?.responses?.['200']?.content?.['application/json']?.schema?.properties ?? {};
      const listsSomething = Object.values(properties).some((p) => p.type === 'array');
      const paged = (get?.parameters ?? []).some((p) => p.in === 'query' && p.name === 'limit');
      if (listsSomething && !paged && !bounded.has(path)) unpaged.push(path);
    }
    expect(unpaged).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([...bounded]));
  });
});
