import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { deleteRedisPrefix } from '../../../test-support/redis.ts';

let database: TestDatabase;
let a: FastifyInstance;
let b: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  // Two server processes on one database and Redis, as behind a load balancer.
  [a, b] = await Promise.all([buildApp(testConfig({}, database)), buildApp(testConfig({}, database))]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await deleteRedisPrefix(a.config.redisPrefix);
  await deleteRedisPrefix(b.config.redisPrefix);
  await database?.drop();
});

const asDevice = (app: FastifyInstance, token: string) => app.inject({ url: '/api/device', headers: { authorization: `Bearer ${token}` } });

describe('device tokens', () => {
  it('knows the demo kiosk and display', async () => {
    expect((await asDevice(a, 'demo-kiosk')).json()).toMatchObject({ kind: 'kiosk' });
    expect((await asDevice(a, 'demo-display')).json()).toMatchObject({ kind: 'display' });
    const bad = await asDevice(a, 'no-such-token');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('invalid_token');
  });

  it('registers a kiosk whose token works everywhere, and a revocation holds on the very next request in every process', async () => {
    const admin = await sessionFor(a, 'admin');
    const created = await injectAs(a, admin, { method: 'POST', url: '/api/admin/devices', payload: { kind: 'kiosk', name: '东门自助机', location: '大厅东门' } });
    expect(created.statusCode).toBe(201);
    const { device, token } = created.json() as { device: { id: number }; token: string };
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect((await asDevice(b, token)).statusCode).toBe(200);
    expect((await asDevice(a, token)).statusCode).toBe(200);

    const stored = await a.pg.sql`select token_hash from devices where id = ${device.id}`;
    expect(stored[0]!.token_hash).not.toBe(token);

    expect((await injectAs(a, admin, { method: 'DELETE', url: `/api/admin/devices/${device.id}` })).statusCode).toBe(204);
    expect((await asDevice(b, token)).statusCode).toBe(401);
    expect((await asDevice(a, token)).statusCode).toBe(401);

    const again = await injectAs(a, admin, { method: 'DELETE', url: `/api/admin/devices/${device.id}` });
    expect(again.statusCode).toBe(404);
    const audit = await a.pg.sql`select action from audit_log where object_type = 'device' and object_id = ${String(device.id)} order by id`;
    expect(audit.map((r) => r.action)).toEqual(['device.registered', 'device.revoked']);
  });

  it('refuses two live devices with one name', async () => {
    const admin = await sessionFor(a, 'admin');
    const payload = { kind: 'display', name: '二楼显示屏' };
    const results = await Promise.all([
      injectAs(a, admin, { method: 'POST', url: '/api/admin/devices', payload }),
      injectAs(b, admin, { method: 'POST', url: '/api/admin/devices', payload }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('lets a device do only what devices may: no account routes, no admin routes', async () => {
    const me = await a.inject({ url: '/api/me', headers: { authorization: 'Bearer demo-kiosk' } });
    expect(me.statusCode).toBe(403);
    const admin = await a.inject({ url: '/api/admin/devices', headers: { authorization: 'Bearer demo-display' } });
    expect(admin.statusCode).toBe(403);
  });
});

describe('audit log browsing', () => {
  it('filters by action prefix and actor, newest first, with paging', async () => {
    const admin = await sessionFor(a, 'admin');
    const res = await injectAs(a, admin, { url: '/api/admin/audit', query: { action: 'device.', limit: '1' } });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: { id: number; action: string; actor: { username: string } }[]; nextBeforeId: number | null };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.action).toMatch(/^device\./);
    expect(page.items[0]!.actor.username).toBe('admin');
    expect(page.nextBeforeId).toBe(page.items[0]!.id);
    const next = (await injectAs(a, admin, { url: '/api/admin/audit', query: { action: 'device.', beforeId: String(page.nextBeforeId) } })).json();
    expect(next.items.every((i: { id: number }) => i.id < page.items[0]!.id)).toBe(true);
    const student = await sessionFor(a, 'S0001');
    expect((await injectAs(a, student, { url: '/api/admin/audit' })).statusCode).toBe(403);
  });
});
