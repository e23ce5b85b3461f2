import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { cardDoorsOn, converged, doorRig, waitUntil, type DoorRig } from '../../../test-support/doors.ts';
import { scratchRedis, type ScratchRedis } from '../../../test-support/scratch-services.ts';

/**
 * The holder reports a card lost while Redis is gone: the answer is the usual one, at once (the
 * revoke waits in Postgres's outbox, not in a queue that is down), and once Redis is back the
 * revoke reaches every controller holding the card within 10 s. The API, the worker and the
 * simulators all use a throw-away Redis; the shared one is never touched.
 */
let redis: ScratchRedis;
let database: TestDatabase;
let app: FastifyInstance;
let rig: DoorRig;

beforeAll(async () => {
  redis = await scratchRedis();
  await redis.start();
  database = await createTestDatabase();
  app = await buildApp(testConfig({ REDIS_URL: redis.url }, database));
  await app.ready();
  rig = await doorRig(database.url, { redisUrl: redis.url });
  await rig.startWorkers();
  await waitUntil(() => converged(rig), 30_000, 'seeded grants delivered');
}, 60_000);
afterAll(async () => {
  await rig?.close();
  await app?.close();
  redis?.stop();
  await database?.drop();
});

describe('a card reported lost with Redis stopped', () => {
  it('is answered normally, and the revoke reaches every simulator within 10 s of Redis coming back', async () => {
    const [row] = await app.pg.sql`
      select c.id, c.card_no from accounts a join cards c on c.person_id = a.person_id and c.status = 'active' where a.username = 'S0008'`;
    const cardNo = row!.card_no as string;
    const holders: string[] = [];
    for (const [code, sim] of rig.sims) if ((await cardDoorsOn(sim, code, cardNo)).length > 0) holders.push(code);
    expect(holders.length).toBeGreaterThan(0);
    const token = await sessionFor(app, 'S0008');

    redis.stop();
    const started = performance.now();
    const res = await injectAs(app, token, { method: 'POST', url: `/api/cards/${row!.id}/report-lost` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ card: { status: 'lost' } });
    expect(res.json().doorsRevoked).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(3000);
    const [waiting] = await app.pg.sql`
      select count(*)::int as n from door_commands dc join lock_grants g on g.id = dc.grant_id
      where g.card_id = ${row!.id} and dc.command = 'revoke' and dc.relayed_at is null`;
    expect(waiting!.n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    for (const code of holders) expect((await cardDoorsOn(rig.sims.get(code)!, code, cardNo)).length).toBeGreaterThan(0);

    await redis.start();
    const back = Date.now();
    for (const [code, sim] of rig.sims) {
      await waitUntil(async () => (await cardDoorsOn(sim, code, cardNo)).length === 0, Math.max(0, 10_000 - (Date.now() - back)), `the revoke on ${code}`);
    }
    expect(Date.now() - back).toBeLessThan(10_000);
  }, 60_000);
});
