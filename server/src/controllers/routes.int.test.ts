import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';

const ctx = useTestApp();

type Health = { code: string; backlog: number; failures: number; doors: number; lastError: string | null; driftLast: number; lastAckAt: string | null };

describe('GET /api/controllers and POST /api/lock-grants/:id/retry', () => {
  it('shows each controller’s backlog and failures as its doors’ grant rows count them', async () => {
    const sql = ctx.app.pg.sql;
    // One failed grant on ctl-n1's doors, with its error (as the worker leaves it after the last attempt).
    const [failed] = await sql`
      update lock_grants set status = 'failed', last_error = 'unreachable (ECONNREFUSED)'
       where id = (select g.id from lock_grants g join doors d on d.id = g.door_id join controllers c on c.id = d.controller_id
                    where c.code = 'ctl-n1' order by g.id limit 1)
      returning id`;
    await sql`update controllers set last_error = 'unreachable (ECONNREFUSED)', last_error_at = now() where code = 'ctl-n1'`;
    const clerk = await sessionFor(ctx.app, 'clerk24');
    const res = await injectAs(ctx.app, clerk, { method: 'GET', url: '/api/controllers' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Health[] }>().items;
    const rows = await sql<{ code: string; backlog: number; failures: number; doors: number }[]>`
      select c.code,
             count(g.id) filter (where g.status in ('pending', 'revoke_pending'))::int as backlog,
             count(g.id) filter (where g.status = 'failed')::int as failures,
             (select count(*)::int from doors where controller_id = c.id) as doors
        from controllers c left join doors d on d.controller_id = c.id left join lock_grants g on g.door_id = d.id
       group by c.id order by c.code`;
    expect(items.map((i) => ({ code: i.code, backlog: i.backlog, failures: i.failures, doors: i.doors }))).toEqual(rows.map((r) => ({ ...r })));
    expect(items.find((i) => i.code === 'ctl-n1')).toMatchObject({ failures: 1, lastError: 'unreachable (ECONNREFUSED)' });
    // Nothing secret leaves the server.
    expect(res.body).not.toMatch(/secret|enc:v1/);

    const retried = await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/lock-grants/${failed!.id}/retry` });
    expect(retried.statusCode).toBe(200);
    const [grant] = await sql`select status, version::int as version, last_error from lock_grants where id = ${failed!.id}`;
    expect(retried.json()).toEqual({ id: failed!.id, status: 'pending', version: grant!.version });
    expect(grant).toMatchObject({ status: 'pending', last_error: null });
    const commands = await sql`select command, version::int as version, status, relayed_at from door_commands where grant_id = ${failed!.id} order by version`;
    expect(commands.at(-1)).toMatchObject({ command: 'grant', version: grant!.version, status: 'queued', relayed_at: null });
    const [audit] = await sql`select action, object_type, object_id, actor_role, after from audit_log where action = 'lock_grant.retried' and object_id = ${String(failed!.id)}`;
    expect(audit).toMatchObject({ object_type: 'lock_grant', actor_role: 'lock_clerk' });
    expect((audit!.after as { version: number }).version).toBe(grant!.version);

    const again = await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/lock-grants/${failed!.id}/retry` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'grant_not_failed']);
    const missing = await injectAs(ctx.app, clerk, { method: 'POST', url: '/api/lock-grants/999999/retry' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'lock_grant_not_found']);
  });

  it('a failed revoke is retried as a revoke', async () => {
    const sql = ctx.app.pg.sql;
    const [g] = await sql`
      update lock_grants set status = 'failed', revoke_reason = 'card_lost', version = version + 1, last_error = 'HTTP 503'
       where id = (select id from lock_grants where status in ('pending', 'granted') order by id desc limit 1) returning id`;
    const admin = await sessionFor(ctx.app, 'admin');
    const res = await injectAs(ctx.app, admin, { method: 'POST', url: `/api/lock-grants/${g!.id}/retry` });
    expect(res.json()).toMatchObject({ status: 'revoke_pending' });
    const [cmd] = await sql`select command from door_commands where grant_id = ${g!.id} order by version desc limit 1`;
    expect(cmd!.command).toBe('revoke');
  });
});
