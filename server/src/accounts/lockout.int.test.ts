import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { deleteRedisPrefix } from '../../../test-support/redis.ts';

let database: TestDatabase;
const prefixes: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const p of prefixes) await deleteRedisPrefix(p);
  await database?.drop();
});

async function app(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides, database);
  prefixes.push(config.redisPrefix);
  const instance = await buildApp(config);
  await instance.ready();
  return instance;
}

/** A sign-in from a client address, or from a device with its bearer token. */
function loginFrom(app: FastifyInstance, from: string | { token: string }, username: string, password = 'demo1234') {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: typeof from === 'string' ? from : '127.0.0.1',
    headers: {
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
      ...(typeof from === 'string' ? {} : { authorization: `Bearer ${from.token}` }),
    },
    payload: { username, password },
  });
}

async function accountId(app: FastifyInstance, username: string): Promise<number> {
  const [row] = await app.pg.sql<{ id: number }[]>`select id from accounts where username = ${username}`;
  return row!.id;
}

async function lockAudits(app: FastifyInstance, username: string) {
  return app.pg.sql<{ ip: string; after: Record<string, unknown> }[]>`select ip, after from audit_log
    where action = 'account.locked' and object_id = ${String(await accountId(app, username))} order by id`;
}

describe('lockout per account and source', () => {
  it('locks the account for one source after 20 wrong passwords from it; elsewhere the right password still works; the lock survives a restart', async () => {
    const first = await app();
    try {
      for (let i = 1; i <= 19; i++) {
        expect((await loginFrom(first, '192.0.2.1', 'S0020', `wrong-${i}`)).statusCode).toBe(401);
      }
      const twentieth = await loginFrom(first, '192.0.2.1', 'S0020', 'wrong-20');
      expect(twentieth.statusCode).toBe(423);
      const refused = await loginFrom(first, '192.0.2.1', 'S0020', 'demo1234');
      expect(refused.statusCode).toBe(423);
      expect(refused.cookies.find((c) => c.name === 'cd_session')).toBeUndefined();
      const body = refused.json();
      expect(body).toMatchObject({ code: 'account_locked', lockScope: 'source', sourceKind: 'ip', failures: 20 });
      expect(body.detail).toMatch(/20 wrong passwords in a row from this network/);
      expect(Date.parse(body.lockedUntil)).toBeGreaterThan(Date.now() + 10 * 60_000);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(600);

      // The clerk at another desk (another address) is not locked out.
      const elsewhere = await loginFrom(first, '192.0.2.2', 'S0020', 'demo1234');
      expect(elsewhere.statusCode).toBe(200);
    } finally {
      await first.close();
    }

    // A new process (a restart) on the same database still refuses that source.
    const second = await app();
    try {
      expect((await loginFrom(second, '192.0.2.1', 'S0020')).statusCode).toBe(423);
      const audits = await lockAudits(second, 'S0020');
      expect(audits).toHaveLength(1);
      expect(audits[0]!.ip).toBe('192.0.2.1');
      expect(audits[0]!.after).toMatchObject({ scope: 'source', sourceKind: 'ip', source: '192.0.2.1', failures: 20 });

      // When the lock runs out, the right password works there too and its count starts over.
      await second.pg.sql`update login_failures set locked_until = now() - interval '1 second'
        where account_id = ${await accountId(second, 'S0020')}`;
      expect((await loginFrom(second, '192.0.2.1', 'S0020')).statusCode).toBe(200);
      const rows = await second.pg.sql`select failures from login_failures
        where account_id = ${await accountId(second, 'S0020')} and source = '192.0.2.1'`;
      expect(rows).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('resets a source’s count when the right password comes from that source, not from another one', async () => {
    const instance = await app({ LOGIN_MAX_FAILURES: '5' });
    try {
      for (let i = 0; i < 4; i++) expect((await loginFrom(instance, '192.0.2.10', 'S0022', 'wrong')).statusCode).toBe(401);
      expect((await loginFrom(instance, '192.0.2.10', 'S0022')).statusCode).toBe(200);
      // The count started over: four more wrong ones do not lock.
      for (let i = 0; i < 4; i++) expect((await loginFrom(instance, '192.0.2.10', 'S0022', 'wrong')).statusCode).toBe(401);
      // A sign-in from elsewhere leaves this source's count alone: the fifth locks it.
      expect((await loginFrom(instance, '192.0.2.11', 'S0022')).statusCode).toBe(200);
      expect((await loginFrom(instance, '192.0.2.10', 'S0022', 'wrong')).statusCode).toBe(423);
    } finally {
      await instance.close();
    }
  });

  it('counts a device-token caller by its device, apart from its network address', async () => {
    const instance = await app({ LOGIN_MAX_FAILURES: '3' });
    try {
      for (let i = 0; i < 2; i++) expect((await loginFrom(instance, { token: 'demo-kiosk' }, 'S0023', 'wrong')).statusCode).toBe(401);
      const locked = await loginFrom(instance, { token: 'demo-kiosk' }, 'S0023', 'wrong');
      expect(locked.statusCode).toBe(423);
      expect(locked.json()).toMatchObject({ lockScope: 'source', sourceKind: 'device', failures: 3 });
      expect(locked.json().detail).toMatch(/from this device/);
      // The same address without the kiosk's token is another source.
      expect((await loginFrom(instance, '127.0.0.1', 'S0023')).statusCode).toBe(200);
      const rows = await instance.pg.sql`select lf.source_kind, d.name from login_failures lf
        left join devices d on lf.source_kind = 'device' and d.id::text = lf.source
        where lf.account_id = ${await accountId(instance, 'S0023')}`;
      expect(rows).toEqual([{ source_kind: 'device', name: expect.any(String) }]);
    } finally {
      await instance.close();
    }
  });

  it('locks the account everywhere after the account-wide threshold within its window', async () => {
    const instance = await app({ LOGIN_MAX_FAILURES: '3', LOGIN_ACCOUNT_MAX_FAILURES: '10', LOGIN_ACCOUNT_WINDOW_MINUTES: '60' });
    try {
      // A distributed attack: one wrong password from each of ten addresses.
      for (let i = 1; i <= 9; i++) expect((await loginFrom(instance, `198.51.100.${i}`, 'S0024', 'wrong')).statusCode).toBe(401);
      const tenth = await loginFrom(instance, '198.51.100.10', 'S0024', 'wrong');
      expect(tenth.statusCode).toBe(423);
      expect(tenth.json()).toMatchObject({ code: 'account_locked', lockScope: 'account', failures: 10, windowMinutes: 60 });
      expect(tenth.json().detail).toMatch(/10 wrong passwords within 60 minutes/);
      const fresh = await loginFrom(instance, '203.0.113.50', 'S0024');
      expect(fresh.statusCode).toBe(423);
      expect(fresh.json().lockScope).toBe('account');
      const audits = await lockAudits(instance, 'S0024');
      expect(audits.map((a) => a.after)).toEqual([expect.objectContaining({ scope: 'account', failures: 10 })]);

      // Once the lock and its window have passed, the count starts again from one.
      await instance.pg.sql`update accounts set locked_until = now() - interval '1 second',
        failure_window_started_at = now() - interval '61 minutes' where username = 'S0024'`;
      for (let i = 11; i <= 19; i++) expect((await loginFrom(instance, `198.51.100.${i}`, 'S0024', 'wrong')).statusCode).toBe(401);
      const [row] = await instance.pg.sql`select failed_attempts from accounts where username = 'S0024'`;
      expect(row!.failed_attempts).toBe(9);
      expect((await loginFrom(instance, '203.0.113.50', 'S0024')).statusCode).toBe(200);
    } finally {
      await instance.close();
    }
  });

  it('counts failures made in parallel through two processes, per source and account-wide', async () => {
    const [a, b] = await Promise.all([app(), app()]);
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(i % 2 ? a : b, '192.0.2.30', 'S0021', `wrong-${i}`)));
      expect(results.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(1);
      expect((await loginFrom(a, '192.0.2.30', 'S0021')).statusCode).toBe(423);
      expect(await lockAudits(a, 'S0021')).toHaveLength(1);

      // Thirty addresses at once, through both processes: every failure is counted once.
      await Promise.all(Array.from({ length: 30 }, (_, i) => loginFrom(i % 2 ? a : b, `198.51.101.${i + 1}`, 'S0025', 'wrong')));
      const [row] = await a.pg.sql`select failed_attempts,
        (select count(*)::int from login_failures lf where lf.account_id = accounts.id and lf.failures = 1) as sources
        from accounts where username = 'S0025'`;
      expect(row).toEqual({ failed_attempts: 30, sources: 30 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('rate limits', () => {
  it('rate-limits sign-in per IP across processes sharing Redis', async () => {
    const shared = { LOGIN_RATE_PER_IP: '10', REDIS_PREFIX: `test:rl${Date.now()}:` };
    const [a, b] = await Promise.all([app(shared), app(shared)]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await loginFrom(i % 2 ? a : b, '192.0.2.40', `S00${30 + i}`, 'wrong')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const limited = await loginFrom(a, '192.0.2.40', 'S0040', 'demo1234');
      expect(limited.json().code).toBe('rate_limited');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('limits attempts on one account per source: whoever hits the limit does not keep the account’s owner out', async () => {
    const instance = await app({ LOGIN_RATE_PER_ACCOUNT: '5' });
    try {
      for (let i = 0; i < 5; i++) expect((await loginFrom(instance, '192.0.2.50', 'clerk08', 'wrong')).statusCode).toBe(401);
      const limited = await loginFrom(instance, '192.0.2.50', 'clerk08', 'wrong');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);
      expect((await loginFrom(instance, '192.0.2.51', 'clerk08')).statusCode).toBe(200);
    } finally {
      await instance.close();
    }
  });
});

describe('telling the person', () => {
  it('leaves a notification at the next sign-in about wrong passwords and locks since the last one', async () => {
    const instance = await app({ LOGIN_MAX_FAILURES: '3' });
    try {
      const id = await accountId(instance, 'S0026');
      await instance.pg.sql`update accounts set last_login_at = now() - interval '2 days' where id = ${id}`;
      for (let i = 0; i < 3; i++) await loginFrom(instance, '198.51.102.1', 'S0026', 'wrong');
      await loginFrom(instance, '198.51.102.2', 'S0026', 'wrong');
      // Two typos of the person's own, just before signing in, are part of the count but not the reason to tell.
      await loginFrom(instance, '198.51.102.3', 'S0026', 'wrong');
      expect((await loginFrom(instance, '198.51.102.3', 'S0026')).statusCode).toBe(200);
      const notes = await instance.pg.sql<{ kind: string; payload: Record<string, unknown> }[]>`select kind, payload from notifications
        where account_id = ${id} order by id`;
      expect(notes).toHaveLength(1);
      expect(notes[0]!.kind).toBe('account.sign_in_failures');
      expect(notes[0]!.payload).toMatchObject({
        failures: 5,
        failuresHere: 1,
        sources: 3,
        since: expect.any(String),
        lastFailureAt: expect.any(String),
        locks: [{ scope: 'source', sourceKind: 'ip', at: expect.any(String), until: expect.any(String) }],
      });
      expect(Date.parse(notes[0]!.payload.since as string)).toBeLessThan(Date.now() - 86_400_000);

      // Nothing new happened since: the next sign-in leaves no notification, nor do one's own typos.
      expect((await loginFrom(instance, '198.51.102.3', 'S0026')).statusCode).toBe(200);
      await loginFrom(instance, '198.51.102.3', 'S0026', 'wrong');
      expect((await loginFrom(instance, '198.51.102.3', 'S0026')).statusCode).toBe(200);
      const [count] = await instance.pg.sql`select count(*)::int as n from notifications where account_id = ${id}`;
      expect(count!.n).toBe(1);
    } finally {
      await instance.close();
    }
  });
});

describe('admin unlock', () => {
  it('lists who is locked where and until when, and lifts every lock of an account, audited', async () => {
    const instance = await app({ LOGIN_MAX_FAILURES: '3', LOGIN_ACCOUNT_MAX_FAILURES: '10' });
    try {
      const admin = await sessionFor(instance, 'admin');
      for (let i = 0; i < 3; i++) await loginFrom(instance, '198.51.103.1', 'S0027', 'wrong');
      for (let i = 0; i < 3; i++) await loginFrom(instance, { token: 'demo-kiosk' }, 'S0027', 'wrong');
      for (let i = 1; i <= 10; i++) await loginFrom(instance, `198.51.104.${i}`, 'S0028', 'wrong');

      const list = await injectAs(instance, admin, { url: '/api/admin/accounts?q=S002' });
      const items = list.json().items as Record<string, unknown>[];
      const s27 = items.find((a) => a.username === 'S0027')!;
      const s28 = items.find((a) => a.username === 'S0028')!;
      expect(s27.lockedUntil).toBeNull();
      expect(s27.sourceLockCount).toBe(2);
      expect(s27.sourceLocks).toEqual(
        expect.arrayContaining([
          { kind: 'ip', ip: '198.51.103.1', device: null, failures: 3, lockedUntil: expect.any(String) },
          { kind: 'device', ip: null, device: { id: expect.any(Number), name: expect.any(String) }, failures: 3, lockedUntil: expect.any(String) },
        ]),
      );
      expect(Date.parse(s28.lockedUntil as string)).toBeGreaterThan(Date.now());
      // Each of S0028's ten addresses failed once: no source lock, the account-wide one.
      expect(s28.sourceLocks).toEqual([]);
      expect(items.find((a) => a.username === 'S0029')).toMatchObject({ lockedUntil: null, sourceLocks: [], sourceLockCount: 0 });

      // Earlier tests in this file left other accounts locked: each listed one is locked somewhere, S0029 is not listed.
      const lockedOnly = (await injectAs(instance, admin, { url: '/api/admin/accounts?locked=true&limit=200' })).json();
      const lockedNames = (lockedOnly.items as { username: string }[]).map((a) => a.username);
      expect(lockedNames).toEqual(expect.arrayContaining(['S0027', 'S0028']));
      expect(lockedNames).not.toContain('S0029');
      expect(lockedOnly.total).toBe(lockedNames.length);
      const [{ n: lockedInRows }] = (await instance.pg.sql`select count(*)::int as n from accounts a where a.locked_until > now()
        or exists (select 1 from login_failures lf where lf.account_id = a.id and lf.locked_until > now())`) as unknown as [{ n: number }];
      expect(lockedOnly.total).toBe(lockedInRows);
      for (const item of lockedOnly.items as { lockedUntil: string | null; sourceLockCount: number }[]) {
        expect(item.lockedUntil !== null || item.sourceLockCount > 0).toBe(true);
      }

      for (const username of ['S0027', 'S0028']) {
        const res = await injectAs(instance, admin, { method: 'POST', url: `/api/admin/accounts/${await accountId(instance, username)}/unlock` });
        expect(res.statusCode).toBe(204);
      }
      expect((await loginFrom(instance, '198.51.103.1', 'S0027')).statusCode).toBe(200);
      expect((await loginFrom(instance, { token: 'demo-kiosk' }, 'S0027')).statusCode).toBe(200);
      expect((await loginFrom(instance, '198.51.104.1', 'S0028')).statusCode).toBe(200);
      // The account-wide count starts over too: one more wrong password does not lock again.
      expect((await loginFrom(instance, '198.51.104.2', 'S0028', 'wrong')).statusCode).toBe(401);

      const [audit] = await instance.pg.sql<{ actor_role: string; before: Record<string, unknown>; after: Record<string, unknown> }[]>`
        select actor_role, before, after from audit_log where action = 'account.unlocked' and object_id = ${String(await accountId(instance, 'S0027'))}`;
      expect(audit!.actor_role).toBe('admin');
      expect(audit!.before).toMatchObject({ lockedUntil: null, sourceLocks: expect.arrayContaining([expect.objectContaining({ kind: 'ip', source: '198.51.103.1' })]) });
      expect(audit!.after).toEqual({ lockedUntil: null, sourceLocks: [] });
      const after = (await injectAs(instance, admin, { url: '/api/admin/accounts?locked=true&limit=200' })).json().items as { username: string }[];
      expect(after.map((a) => a.username)).not.toContain('S0027');
      expect(after.map((a) => a.username)).not.toContain('S0028');
    } finally {
      await instance.close();
    }
  });
});
