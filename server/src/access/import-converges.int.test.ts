import { sql } from 'drizzle-orm';
import { DEV_CONTROLLER_SECRET_KEY, sealSecret } from '@campus/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createCardHolders, createDormBuilding, type TestBuilding } from '../../../test-support/door-factories.ts';
import { converged, doorRig, heldLists, intendedLists, waitUntil, type DoorRig } from '../../../test-support/doors.ts';

/**
 * The semester's bulk import end to end, under faults: a 2,000-row CSV posted by the lock clerk to
 * `POST /api/lock-grants/import` (two dorm buildings of 1,000 students, each on a controller of its
 * own), one controller's simulator failing 30 % of pushes and the other offline for a while, three
 * cards reported lost at the card desk while the pushes are under way. Every simulator must end with
 * exactly the lists the database intends, and no lost card anywhere.
 */
const ctx = useTestApp();
let rig: DoorRig;
let buildings: TestBuilding[];
const SECRET = 'import-test-secret';

beforeAll(async () => {
  buildings = [await createDormBuilding(ctx.app, 10, 25), await createDormBuilding(ctx.app, 10, 25)];
  for (const b of buildings) await ctx.app.pg.sql`update controllers set secret = ${sealSecret(SECRET, DEV_CONTROLLER_SECRET_KEY)} where id = ${b.controllerId}`;
  const codes = await ctx.app.pg.sql`select code from controllers where id = any(${buildings.map((b) => b.controllerId)}::int[]) order by id`;
  rig = await doorRig(ctx.database.url, { extraControllers: codes.map((c) => ({ code: c.code as string, secret: SECRET })) });
  await rig.startWorkers({ attempts: 8, backoffMs: 100, backoffMaxMs: 1500 });
  await waitUntil(() => converged(rig), 30_000, 'the seeded grants on every simulator');
}, 90_000);
afterAll(async () => {
  await rig?.close();
});

describe('a 2,000-row import with one controller failing 30 % and another offline a while', () => {
  it('converges exactly to the database’s intended lists, with no lost card anywhere', async () => {
    const [failing, offline] = await Promise.all(
      buildings.map(async (b) => (await ctx.app.pg.sql`select code from controllers where id = ${b.controllerId}`)[0]!.code as string),
    );
    const holders = await createCardHolders(ctx.app, 2000);
    const lines = holders.map((h, i) => {
      const b = buildings[i % 2]!;
      const rooms = [...b.rooms.keys()];
      return `${h.number},${b.code},${rooms[Math.floor(i / 8) % rooms.length]},2026-09-01,2027-07-15`;
    });
    rig.sims.get(failing!)!.setFaults(failing!, { failureRate: 0.3 });
    rig.sims.get(offline!)!.setFaults(offline!, { offline: true });

    const res = await injectAs(ctx.app, await sessionFor(ctx.app, 'clerk24'), {
      method: 'POST', url: '/api/lock-grants/import', payload: { csv: ['学号,楼栋,房间号,生效日期,失效日期', ...lines].join('\n') },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toMatchObject({ rows: 2000, granted: 4000 });

    // While the pushes are under way, three of the imported cards are reported lost at the card desk.
    await new Promise((r) => setTimeout(r, 1000));
    const clerk = await sessionFor(ctx.app, 'clerk21');
    const lost = [holders[0]!, holders[2]!, holders[1001]!]; // two in the failing building, one in the offline one
    for (const h of lost) {
      expect((await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/cards/${h.cardId}/report-lost` })).statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 3000));
    // Offline, that controller has none of the import yet; then it comes back.
    const heldOffline = await heldLists(rig.sims.get(offline!)!, offline!);
    expect(holders.filter((h) => heldOffline.has(h.cardNo))).toEqual([]);
    rig.sims.get(offline!)!.setFaults(offline!, { offline: false });

    // Whatever the retries left failed after their last attempt, the reconciliation repairs.
    const db = rig.handle.db;
    await waitUntil(async () => {
      const [open] = await db.execute<{ n: number }>(sql`select count(*)::int as n from lock_grants where status in ('pending', 'revoke_pending')`);
      return open!.n === 0;
    }, 90_000, 'every push acknowledged or failed');
    await rig.workers!.doors.reconcileAll();
    await waitUntil(() => converged(rig), 30_000, 'every simulator holds exactly the intended lists');

    const intended = await intendedLists(rig.handle);
    for (const [code, sim] of rig.sims) {
      const held = await heldLists(sim, code);
      expect(held).toEqual(intended.get(code) ?? new Map());
      for (const h of lost) expect(held.has(h.cardNo)).toBe(false);
      expect(sim.stats(code).appliedTwice).toBe(0);
    }
    // The two buildings' lists are the import's: 1,000 cards each less the lost, a room door and the entrance per card.
    expect(intended.get(failing!)?.size).toBe(998);
    expect(intended.get(offline!)?.size).toBe(999);
    expect(rig.sims.get(failing!)!.stats(failing!).injectedFailures).toBeGreaterThan(100);
    const [states] = await db.execute<{ open: number }>(sql`select count(*)::int as open from lock_grants where status not in ('granted', 'revoked', 'failed')`);
    expect(states!.open).toBe(0);
  }, 180_000);
});
