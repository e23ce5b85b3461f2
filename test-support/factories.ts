import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { asCookie, injectAs, sessionFor } from './auth.ts';

/** Small factories for queue tests: real rows through real SQL or the real API, nothing mocked. */

export async function windowId(app: FastifyInstance, number: number): Promise<number> {
  const [row] = await app.pg.sql`select id from windows where number = ${number}`;
  return row!.id as number;
}

export async function serviceId(app: FastifyInstance, code: string): Promise<number> {
  const [row] = await app.pg.sql`select id from services where code = ${code}`;
  if (!row) throw new Error(`no service ${code}`);
  return row.id as number;
}

/** A clerk signs in (session made directly) and opens a session on their window. */
export async function openWindow(app: FastifyInstance, username: string, number: number): Promise<{ token: string; windowId: number }> {
  const token = await sessionFor(app, username);
  const id = await windowId(app, number);
  const res = await app.inject({ method: 'POST', url: `/api/windows/${id}/sessions`, headers: asCookie(token) });
  if (res.statusCode !== 201) throw new Error(`opening window ${number}: ${res.statusCode} ${res.body}`);
  return { token, windowId: id };
}

export async function kioskIssue(app: FastifyInstance, service: number, extra: { priority?: boolean; studentNumber?: string } = {}) {
  return app.inject({ method: 'POST', url: '/api/tickets', headers: { authorization: 'Bearer demo-kiosk' }, payload: { serviceId: service, ...extra } });
}

/**
 * A service of its own served by `count` new windows, each with its own clerk: for tests of many
 * clerks on one line. Returns the service id and, per window, the clerk's username and window id.
 */
export async function createServiceWithWindows(app: FastifyInstance, count: number, options: { priorityRun?: number; prefixFamily?: string } = {}) {
  const tag = randomBytes(3).toString('hex');
  const family = options.prefixFamily ?? 'card_center';
  const [dept] = await app.pg.sql`select id from departments order by id limit 1`;
  const [service] = await app.pg.sql`insert into services (code, family_code, name_zh, name_en, department_id, priority_run, handling_minutes)
    values (${`test-${tag}`}, ${family}, ${`测试服务${tag}`}, ${`Test service ${tag}`}, ${dept!.id}, ${options.priorityRun ?? 2}, 5) returning id`;
  const [hash] = await app.pg.sql`select password_hash from accounts where username = 'admin'`;
  const clerks: { username: string; windowId: number }[] = [];
  const [max] = await app.pg.sql`select coalesce(max(number), 100)::int as n from windows`;
  for (let i = 0; i < count; i++) {
    const number = Math.max(100, max!.n as number) + 1 + i;
    const [w] = await app.pg.sql`insert into windows (number, name_zh, name_en, family_code, department_id)
      values (${number}, ${`测试窗口${number}`}, ${`Test window ${number}`}, ${family}, ${dept!.id}) returning id`;
    await app.pg.sql`insert into service_windows (service_id, window_id) values (${service!.id}, ${w!.id})`;
    const username = `tclerk${tag}${i}`;
    const [acct] = await app.pg.sql`insert into accounts (username, display_name, password_hash) values (${username}, ${username}, ${hash!.password_hash}) returning id`;
    await app.pg.sql`insert into account_roles (account_id, role) values (${acct!.id}, 'clerk')`;
    await app.pg.sql`insert into clerk_windows (account_id, window_id) values (${acct!.id}, ${w!.id})`;
    clerks.push({ username, windowId: w!.id as number });
  }
  return { serviceId: service!.id as number, clerks };
}

/** A service of its own with `windows` windows, each opened by its clerk: a line ready to be called. */
export async function openLine(app: FastifyInstance, windows = 1) {
  const { serviceId, clerks } = await createServiceWithWindows(app, windows);
  const opened = [];
  for (const c of clerks) {
    const [w] = await app.pg.sql`select number from windows where id = ${c.windowId}`;
    opened.push({ ...(await openWindow(app, c.username, w!.number as number)), username: c.username });
  }
  return { serviceId, windows: opened };
}

export const callNextAt = (app: FastifyInstance, token: string, windowId: number) => injectAs(app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });

/** A clerk's or holder's POST on a ticket: `recall`, `start`, `park`, `transfer`… */
export const ticketAction = (app: FastifyInstance, token: string, id: string, action: string, payload?: object) =>
  injectAs(app, token, { method: 'POST', url: `/api/tickets/${id}/${action}`, ...(payload ? { payload } : {}) });

/**
 * `count` new students, each with an account and a session made directly (no argon2): for tests
 * of many distinct people at once. Returns their person ids and session tokens, in order.
 */
export async function createStudents(app: FastifyInstance, count: number): Promise<{ personId: number; accountId: number; number: string; token: string }[]> {
  const tag = randomBytes(3).toString('hex');
  const { sql } = app.pg;
  const people = await sql`insert into people (kind, number, name)
    select 'student', ${`T${tag}`} || lpad(i::text, 5, '0'), '测试学生' || i from generate_series(1, ${count}::int) as i
    returning id, number`;
  const [hash] = await sql`select password_hash from accounts where username = 'admin'`;
  const accounts = await sql`insert into accounts (person_id, username, display_name, password_hash)
    select p.id, p.number, p.number, ${hash!.password_hash} from people p where p.id = any(${people.map((p) => p.id as number)}::int[])
    returning id, person_id, username`;
  await sql`insert into account_roles (account_id, role) select unnest(${accounts.map((a) => a.id as number)}::int[]), 'student'`;
  const byPerson = new Map(accounts.map((a) => [a.person_id as number, a]));
  const out = [];
  for (const p of people) {
    const account = byPerson.get(p.id as number)!;
    out.push({ personId: p.id as number, accountId: account.id as number, number: p.number as string, token: await sessionFor(app, account.username as string) });
  }
  return out;
}

/**
 * A service of its own taking appointments, served by one new window, with one slot of the given
 * capacity starting `hoursAhead` from now (rounded to the minute). Returns the service and the slot's start.
 */
export async function createBookableSlot(app: FastifyInstance, capacity: number, hoursAhead = 48, service?: number): Promise<{ serviceId: number; start: Date }> {
  const serviceIdOf = service ?? (await createServiceWithWindows(app, 1)).serviceId;
  await app.pg.sql`update services set appointment_enabled = true where id = ${serviceIdOf}`;
  const start = new Date(Math.floor((Date.now() + hoursAhead * 3_600_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  await app.pg.sql`insert into appointment_slots (service_id, starts_at, ends_at, hall_date, capacity)
    values (${serviceIdOf}, ${start.toISOString()}, ${end.toISOString()}, (${start.toISOString()}::timestamptz at time zone ${app.config.hallTz})::date, ${capacity})`;
  return { serviceId: serviceIdOf, start };
}

/** The seat invariant of a slot: taken = live appointments + held offers, read in SQL. */
export async function slotSeats(app: FastifyInstance, serviceId: number, start: Date) {
  const [row] = await app.pg.sql`
    select s.capacity::int, s.taken::int,
      (select count(*)::int from appointments a where a.service_id = s.service_id and a.slot_start = s.starts_at and a.status in ('booked', 'checked_in')) as live,
      (select count(*)::int from appointment_waitlist w where w.service_id = s.service_id and w.slot_start = s.starts_at and w.status = 'offered') as offered,
      (select count(*)::int from appointment_waitlist w where w.service_id = s.service_id and w.slot_start = s.starts_at and w.status = 'waiting') as waiting
    from appointment_slots s where s.service_id = ${serviceId} and s.starts_at = ${start.toISOString()}`;
  return row as { capacity: number; taken: number; live: number; offered: number; waiting: number };
}
