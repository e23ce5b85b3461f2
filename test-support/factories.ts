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
