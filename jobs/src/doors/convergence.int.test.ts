import { sql } from 'drizzle-orm';
import { grantDoors, revokeCardDoors, type GrantInput } from '@campus/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { converged, doorRig, heldLists, intendedLists, waitUntil, type DoorRig } from '../../../test-support/doors.ts';

let database: TestDatabase;
let rig: DoorRig;

beforeAll(async () => {
  database = await createTestDatabase();
  rig = await doorRig(database.url);
  await rig.startWorkers({ attempts: 8, backoffMs: 100, backoffMaxMs: 1500 });
  await waitUntil(() => converged(rig), 15_000, 'seeded grants delivered');
});
afterAll(async () => {
  await rig?.close();
  await database?.drop();
});

/** 2,000 (card, door) pairs: 50 seeded cards × 20 extra doors on each of the two controllers. */
async function bulkGrants(): Promise<GrantInput[]> {
  await rig.handle.db.execute(sql`
    insert into doors (code, building_id, controller_id, kind, name_zh)
    select b.code || '-G' || n, b.id, ctl.id, 'gate', b.name_zh || '侧门' || n
      from buildings b join controllers ctl on ctl.building_id = b.id, generate_series(1, 20) as n
     where b.code in ('N1', 'N2')`);
  const rows = await rig.handle.db.execute<{ card_id: number; door_id: number }>(sql`
    select c.id as card_id, d.id as door_id from cards c, doors d
     where c.status = 'active' and d.kind = 'gate' order by c.id, d.id limit 2000`);
  return rows.map((r) => ({ cardId: Number(r.card_id), doorId: Number(r.door_id), reason: 'bulk_import' as const }));
}

describe('a 2,000-grant import with one controller failing 30 % and the other offline a while', () => {
  it('converges exactly to the database’s intended lists, with no revoked card anywhere', async () => {
    const grants = await bulkGrants();
    expect(grants.length).toBe(2000);
    rig.sims.get('ctl-n1')!.setFaults('ctl-n1', { failureRate: 0.3 });
    rig.sims.get('ctl-n2')!.setFaults('ctl-n2', { offline: true });
    await rig.handle.db.transaction((tx) => grantDoors(tx, grants));

    // Mid-import, three cards are reported lost.
    await new Promise((r) => setTimeout(r, 1000));
    const lost = [...new Set(grants.map((g) => g.cardId))].slice(0, 3);
    await rig.handle.db.transaction(async (tx) => {
      for (const id of lost) await revokeCardDoors(tx, id, 'card_lost');
    });
    await new Promise((r) => setTimeout(r, 3000));
    rig.sims.get('ctl-n2')!.setFaults('ctl-n2', { offline: false });

    // Whatever the retries left behind (failed after the last attempt), the reconciliation repairs.
    await waitUntil(async () => {
      const [open] = await rig.handle.db.execute<{ n: number }>(sql`select count(*)::int as n from lock_grants where status in ('pending', 'revoke_pending')`);
      return open!.n === 0;
    }, 60_000, 'every push acknowledged or failed');
    await rig.workers!.doors.reconcileAll();
    await waitUntil(() => converged(rig), 20_000, 'both simulators hold exactly the intended lists');

    const intended = await intendedLists(rig.handle);
    const lostNumbers = await rig.handle.db.execute<{ card_no: string }>(sql`select card_no from cards where id = any(${`{${lost.join(',')}}`}::int[])`);
    for (const [code, sim] of rig.sims) {
      const held = await heldLists(sim, code);
      expect(held).toEqual(intended.get(code));
      for (const { card_no } of lostNumbers) expect(held.has(card_no)).toBe(false);
      expect(sim.stats(code).appliedTwice).toBe(0);
    }
    expect(rig.sims.get('ctl-n1')!.stats('ctl-n1').injectedFailures).toBeGreaterThan(100);
    const [states] = await rig.handle.db.execute<{ open: number }>(sql`select count(*)::int as open from lock_grants where status not in ('granted', 'revoked', 'failed')`);
    expect(states!.open).toBe(0);
  }, 120_000);
});
