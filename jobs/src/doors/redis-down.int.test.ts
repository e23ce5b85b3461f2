import { sql } from 'drizzle-orm';
import { revokeCardDoors } from '@campus/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { cardDoorsOn, converged, doorRig, waitUntil, type DoorRig } from '../../../test-support/doors.ts';
import { scratchRedis, type ScratchRedis } from '../../../test-support/scratch-services.ts';

/** A throw-away Redis, stopped and started again: the shared one is never touched. */
let redis: ScratchRedis;
let database: TestDatabase;
let rig: DoorRig;

beforeAll(async () => {
  redis = await scratchRedis();
  await redis.start();
  database = await createTestDatabase();
  rig = await doorRig(database.url, { redisUrl: redis.url });
  await rig.startWorkers();
  await waitUntil(() => converged(rig), 15_000, 'seeded grants delivered');
});
afterAll(async () => {
  await rig?.close();
  redis?.stop();
  await database?.drop();
});

describe('door commands with Redis stopped', () => {
  it('a revoke is written at once and reaches every simulator within 10 s of Redis coming back', async () => {
    const [card] = await rig.handle.db.execute<{ id: number; card_no: string }>(sql`
      select c.id, c.card_no from cards c where exists (select 1 from lock_grants g where g.card_id = c.id and g.status = 'granted') order by c.id limit 1`);
    const holders: string[] = [];
    for (const [code, sim] of rig.sims) if ((await cardDoorsOn(sim, code, card!.card_no)).length > 0) holders.push(code);
    expect(holders.length).toBeGreaterThan(0);

    redis.stop();
    const started = performance.now();
    const cut = await rig.handle.db.transaction((tx) => revokeCardDoors(tx, Number(card!.id), 'card_lost'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(cut.length).toBe(2);
    const [waiting] = await rig.handle.db.execute<{ n: number }>(sql`
      select count(*)::int as n from door_commands dc join lock_grants g on g.id = dc.grant_id where g.card_id = ${card!.id} and dc.command = 'revoke' and dc.relayed_at is null`);
    expect(waiting!.n).toBe(2);
    // Redis stays away a while: the commands wait in Postgres, the card is still on the controllers.
    await new Promise((r) => setTimeout(r, 2000));
    for (const code of holders) expect((await cardDoorsOn(rig.sims.get(code)!, code, card!.card_no)).length).toBe(2);

    await redis.start();
    const back = Date.now();
    for (const [code, sim] of rig.sims) {
      await waitUntil(async () => (await cardDoorsOn(sim, code, card!.card_no)).length === 0, 10_000 - (Date.now() - back), `revoke on ${code}`);
    }
    expect(Date.now() - back).toBeLessThan(10_000);
    await waitUntil(async () => {
      const [r] = await rig.handle.db.execute<{ n: number }>(sql`select count(*)::int as n from lock_grants where card_id = ${card!.id} and status = 'revoked'`);
      return r!.n === 2;
    }, 5000, 'revokes acknowledged');
  }, 40_000);
});
