import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { login } from '../../../test-support/auth.ts';
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

describe('brute force', () => {
  it('locks the account after 20 wrong passwords, refuses the right one on the 21st, and the lock survives a restart', async () => {
    const first = await app();
    try {
      for (let i = 1; i <= 19; i++) {
        expect((await login(first, 'S0020', `wrong-${i}`)).res.statusCode).toBe(401);
      }
      const twentieth = await login(first, 'S0020', 'wrong-20');
      expect(twentieth.res.statusCode).toBe(423);
      const refused = await login(first, 'S0020', 'demo1234');
      expect(refused.res.statusCode).toBe(423);
      expect(refused.token).toBeNull();
      const body = refused.res.json();
      expect(body.code).toBe('account_locked');
      expect(Date.parse(body.lockedUntil)).toBeGreaterThan(Date.now() + 10 * 60_000);
      expect(Number(refused.res.headers['retry-after'])).toBeGreaterThan(600);
    } finally {
      await first.close();
    }

    // A new process (a restart) on the same database still refuses.
    const second = await app();
    try {
      expect((await login(second, 'S0020', 'demo1234')).res.statusCode).toBe(423);
      const audit = await second.pg.sql`select action from audit_log where action = 'account.locked'
        and object_id = (select id::text from accounts where username = 'S0020')`;
      expect(audit).toHaveLength(1);

      // When the lock runs out, the right password works and the count starts over.
      await second.pg.sql`update accounts set locked_until = now() - interval '1 second' where username = 'S0020'`;
      expect((await login(second, 'S0020', 'demo1234')).res.statusCode).toBe(200);
      const [row] = await second.pg.sql`select failed_attempts, locked_until from accounts where username = 'S0020'`;
      expect(row).toMatchObject({ failed_attempts: 0, locked_until: null });
    } finally {
      await second.close();
    }
  });

  it('counts failures made in parallel through two processes', async () => {
    const [a, b] = await Promise.all([app(), app()]);
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => login(i % 2 ? a : b, 'S0021', `wrong-${i}`)));
      expect((await login(a, 'S0021', 'demo1234')).res.statusCode).toBe(423);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('rate-limits sign-in per IP across processes sharing Redis', async () => {
    const shared = { LOGIN_RATE_PER_IP: '10', REDIS_PREFIX: `test:rl${Date.now()}:` };
    const [a, b] = await Promise.all([app(shared), app(shared)]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await login(i % 2 ? a : b, `S00${30 + i}`, 'wrong')).res.statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const limited = await login(a, 'S0040', 'demo1234');
      expect(limited.res.json().code).toBe('rate_limited');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
