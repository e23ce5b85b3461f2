import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { deleteRedisPrefix } from '../../../test-support/redis.ts';

/**
 * The client address behind a reverse proxy: it keys the sign-in rate limits and the lockout, and
 * is written to the audit log, so a client must not be able to choose it with X-Forwarded-For.
 */
let database: TestDatabase;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) {
    await app.close();
    await deleteRedisPrefix(app.config.redisPrefix);
  }
  await database?.drop();
});

async function app(overrides: Record<string, string>) {
  const instance = await buildApp(testConfig(overrides, database));
  apps.push(instance);
  await instance.ready();
  return instance;
}

function signIn(app: FastifyInstance, via: { remote: string; forwardedFor?: string; proto?: string }, username: string, password = 'demo1234') {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: via.remote,
    headers: {
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
      ...(via.forwardedFor ? { 'x-forwarded-for': via.forwardedFor } : {}),
      ...(via.proto ? { 'x-forwarded-proto': via.proto } : {}),
    },
    payload: { username, password },
  });
}

/** The address the audit log recorded for the latest sign-in of this account. */
async function auditedIp(app: FastifyInstance, username: string): Promise<string> {
  const [row] = await app.pg.sql<{ ip: string }[]>`select ip from audit_log
    where action = 'auth.login' and object_id = (select id::text from accounts where username = ${username})
    order by id desc limit 1`;
  return row!.ip;
}

describe('TRUST_PROXY as a hop count', () => {
  it('takes the address the one trusted proxy saw, not a forged leftmost X-Forwarded-For', async () => {
    const proxied = await app({ TRUST_PROXY: '1' });
    const res = await signIn(proxied, { remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.7', proto: 'https' }, 'S0041');
    expect(res.statusCode).toBe(200);
    expect(await auditedIp(proxied, 'S0041')).toBe('203.0.113.7');
    const [session] = await proxied.pg.sql`select ip from auth_sessions
      where account_id = (select id from accounts where username = 'S0041') order by id desc limit 1`;
    expect(session!.ip).toBe('203.0.113.7');
    // The proxy's X-Forwarded-Proto is believed: the cookie is Secure.
    expect(res.cookies.find((c) => c.name === 'cd_session')!.secure).toBe(true);
  });

  it('keys the per-IP sign-in limit on the real client, whatever it writes leftmost', async () => {
    const proxied = await app({ TRUST_PROXY: '1', LOGIN_RATE_PER_IP: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await signIn(proxied, { remote: '10.0.0.1', forwardedFor: `198.18.0.${i}, 203.0.113.8` }, `S00${10 + i}`, 'wrong');
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client behind the same proxy is not affected.
    expect((await signIn(proxied, { remote: '10.0.0.1', forwardedFor: '203.0.113.9' }, 'S0042')).statusCode).toBe(200);
  });

  it('counts wrong passwords against the real client address', async () => {
    const proxied = await app({ TRUST_PROXY: '1' });
    await signIn(proxied, { remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.10' }, 'S0043', 'wrong');
    const rows = await proxied.pg.sql`select source_kind, source, failures from login_failures
      where account_id = (select id from accounts where username = 'S0043')`;
    expect(rows).toEqual([{ source_kind: 'ip', source: '203.0.113.10', failures: 1 }]);
  });
});

describe('TRUST_PROXY as a list of proxy addresses', () => {
  it('walks back through the listed proxies to the first address that is not one', async () => {
    const proxied = await app({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' });
    expect((await signIn(proxied, { remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.11, 10.0.0.2' }, 'S0044')).statusCode).toBe(200);
    expect(await auditedIp(proxied, 'S0044')).toBe('203.0.113.11');
  });

  it('ignores X-Forwarded-For from an address that is not a listed proxy', async () => {
    const proxied = await app({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' });
    expect((await signIn(proxied, { remote: '198.51.100.9', forwardedFor: '203.0.113.12' }, 'S0045')).statusCode).toBe(200);
    expect(await auditedIp(proxied, 'S0045')).toBe('198.51.100.9');
  });
});

describe('without TRUST_PROXY', () => {
  it('uses the socket address and ignores X-Forwarded-For', async () => {
    const direct = await app({});
    const res = await signIn(direct, { remote: '10.0.0.1', forwardedFor: '203.0.113.13', proto: 'https' }, 'S0046');
    expect(res.statusCode).toBe(200);
    expect(await auditedIp(direct, 'S0046')).toBe('10.0.0.1');
    expect(res.cookies.find((c) => c.name === 'cd_session')!.secure).toBeFalsy();
  });
});
