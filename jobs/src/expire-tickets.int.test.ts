import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@campus/db';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.ts';
import { expireStaleTickets } from './expire-tickets.ts';

let database: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

async function ticket(code: string, day: string, status = 'waiting', seq = Math.floor(Math.random() * 100000)) {
  const [row] = await handle.sql`insert into tickets (hall_date, prefix, seq, number, service_id, channel, status)
    select ${day}::date, 'Z', ${seq}, ${'Z' + seq}, id, 'kiosk', ${status}::ticket_status from services where code = ${code} returning id`;
  return row!.id as string;
}

describe('expiring the day’s line', () => {
  it('expires what cannot be served today, keeps what can, and records each expiry', async () => {
    const [{ today }] = (await handle.sql`select (now() at time zone 'Asia/Shanghai')::date::text as today`) as unknown as [{ today: string }];
    const yesterday = await ticket('w14-grade-review', '2020-01-01');
    // Window 7 has no fixed hours and nobody staffs it: nothing will open today.
    const unstaffed = await ticket('w07-legal-consultation', today);
    // Window 17 staffed by a clerk's open session: still open.
    const [clerk] = await handle.sql`select a.id, cw.window_id from accounts a join clerk_windows cw on cw.account_id = a.id where a.username = 'clerk17'`;
    await handle.sql`insert into window_sessions (window_id, account_id) values (${clerk!.window_id}, ${clerk!.id})`;
    const staffed = await ticket('w17-medical-reimbursement', today);
    const finished = await ticket('w07-legal-consultation', today, 'done');

    const count = await expireStaleTickets(handle.db, 'Asia/Shanghai');
    expect(count).toBe(2);
    const status = async (id: string) => (await handle.sql`select status from tickets where id = ${id}`)[0]!.status;
    expect(await status(yesterday)).toBe('expired');
    expect(await status(unstaffed)).toBe('expired');
    expect(await status(staffed)).toBe('waiting');
    expect(await status(finished)).toBe('done');
    const events = await handle.sql`select ticket_id from ticket_events where type = 'expired'`;
    expect(events.map((e) => e.ticket_id).sort()).toEqual([yesterday, unstaffed].sort());
    const outbox = await handle.sql`select count(*)::int as n from hall_events where type = 'ticket.expired'`;
    expect(outbox[0]!.n).toBe(2);
    // Idempotent.
    expect(await expireStaleTickets(handle.db, 'Asia/Shanghai')).toBe(0);
  });

  it('keeps the line of a window whose clerk is on a break, and records a parked ticket as parked when it expires', async () => {
    const [{ today }] = (await handle.sql`select (now() at time zone 'Asia/Shanghai')::date::text as today`) as unknown as [{ today: string }];
    // Window 7 has no fixed hours: after hours only the clerk's session keeps its service open.
    const [clerk] = await handle.sql`select a.id, cw.window_id from accounts a join clerk_windows cw on cw.account_id = a.id where a.username = 'clerk07'`;
    const [session] = await handle.sql`insert into window_sessions (window_id, account_id, status, paused_at) values (${clerk!.window_id}, ${clerk!.id}, 'paused', now()) returning id`;
    const waiting = await ticket('w07-legal-consultation', today);
    const parked = await ticket('w07-legal-consultation', today, 'parked');

    expect(await expireStaleTickets(handle.db, 'Asia/Shanghai')).toBe(0);
    const statuses = await handle.sql`select id, status from tickets where id in (${waiting}, ${parked})`;
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({ [waiting]: 'waiting', [parked]: 'parked' });

    // The clerk closes the window for the day: now nothing will serve the line.
    await handle.sql`update window_sessions set status = 'closed', closed_at = now() where id = ${session!.id}`;
    expect(await expireStaleTickets(handle.db, 'Asia/Shanghai')).toBe(2);
    const events = await handle.sql`select ticket_id, from_status from ticket_events where type = 'expired' and ticket_id in (${waiting}, ${parked})`;
    expect(Object.fromEntries(events.map((e) => [e.ticket_id, e.from_status]))).toEqual({ [waiting]: 'waiting', [parked]: 'parked' });
  });

  it('expires a long line in short transactions, each ticket once, with one event each and the family count right', async () => {
    const [{ n: before }] = (await handle.sql`select count(*)::int as n from hall_events where type = 'ticket.expired'`) as unknown as [{ n: number }];
    await handle.sql`insert into tickets (hall_date, prefix, seq, number, service_id, channel, status)
      select '2020-01-02'::date, 'Y', g, 'Y' || g, s.id, 'kiosk', 'waiting' from services s, generate_series(1, 450) g where s.code = 'w14-grade-review'`;
    expect(await expireStaleTickets(handle.db, 'Asia/Shanghai')).toBe(450);
    const [left] = await handle.sql`select count(*)::int as n from tickets where prefix = 'Y' and status <> 'expired'`;
    expect(left!.n).toBe(0);
    const [events] = await handle.sql`select count(*)::int as n, count(distinct ticket_id)::int as d from ticket_events e join tickets t on t.id = e.ticket_id where t.prefix = 'Y' and e.type = 'expired'`;
    expect(events).toMatchObject({ n: 450, d: 450 });
    const [outbox] = await handle.sql`select count(*)::int as n from hall_events where type = 'ticket.expired'`;
    expect(outbox!.n - before).toBe(450);
    // The last event's family count is what the rows say.
    const [last] = await handle.sql`select payload from hall_events where type = 'ticket.expired' order by seq desc limit 1`;
    const [rows] = await handle.sql`select count(*)::int as n from tickets t join services s on s.id = t.service_id
      where t.status = 'waiting' and s.family_code = ${(last!.payload as { familyCode: string }).familyCode}`;
    expect((last!.payload as { familyWaiting: number }).familyWaiting).toBe(rows!.n);
  });
});
