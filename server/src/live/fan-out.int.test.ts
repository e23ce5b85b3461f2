import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { asCookie } from '../../../test-support/auth.ts';
import { testConfig } from '../../../test-support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../../test-support/redis.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';

/** Two server processes' worth of apps: same database, same Redis prefix, different ports. */
let database: TestDatabase;
let prefix: string;
const apps: { app: FastifyInstance; url: string }[] = [];
const clients: LiveProbe[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  prefix = testRedisPrefix();
  for (let i = 0; i < 2; i++) {
    const app = await buildApp(testConfig({ REDIS_PREFIX: prefix, SERVE_UI: 'false' }, database));
    apps.push({ app, url: await app.listen({ host: '127.0.0.1', port: 0 }) });
  }
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  for (const { app } of apps) await app.close();
  await deleteRedisPrefix(prefix);
  await database?.drop();
});

describe('fan-out across processes', () => {
  it('a call made through process A reaches a board connected to process B, in order', async () => {
    const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
    expect(a.url).not.toBe(b.url);
    const onB = await connectLive(b.url);
    const onA = await connectLive(a.url);
    clients.push(onA, onB);
    const snapB = await onB.subscribe('board');
    const snapA = await onA.subscribe('board');

    const clerk = await openWindow(a.app, 'clerk08', 8);
    const service = await serviceId(a.app, 'w08-household-certificate');
    // Tickets issued through B, called through A: both processes write, both boards hear everything.
    for (let i = 0; i < 5; i++) expect((await kioskIssue(b.app, service)).statusCode).toBe(201);
    const started = Date.now();
    const res = await a.app.inject({ method: 'POST', url: `/api/windows/${clerk.windowId}/call-next`, headers: asCookie(clerk.token) });
    const called = res.json<{ number: string }>();
    const seen = await onB.waitFor((m) => m.event?.type === 'ticket.called', 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen.event!.data).toMatchObject({ number: called.number, windowNumber: 8 });

    await onA.waitFor((m) => m.event?.type === 'ticket.called');
    const typesOf = (c: LiveProbe) => c.events('board').map((e) => `${e.seq}:${e.event!.type}`);
    expect(typesOf(onB)).toEqual(typesOf(onA));
    expect(typesOf(onB)).toHaveLength(7);
    expect(snapA.seq).toBe(snapB.seq);
  });
});
