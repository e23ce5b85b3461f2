import { sql } from 'drizzle-orm';
import { grantDoors, moveCardDoors, restoreCardDoors, revokeCardDoors, revokeGrants } from '@campus/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { cardDoorsOn, converged, doorRig, waitUntil, type DoorRig } from '../../../test-support/doors.ts';
import { signedHeaders } from './protocol.ts';

let database: TestDatabase;
let rig: DoorRig;

beforeAll(async () => {
  database = await createTestDatabase();
  rig = await doorRig(database.url);
  await rig.startWorkers();
  // The demo seed's dorm grants (each student's room door and building entrance) arrive first.
  await waitUntil(() => converged(rig), 15_000, 'the seeded grants reach both simulators');
});
afterAll(async () => {
  await rig?.close();
  await database?.drop();
});

const db = () => rig.handle.db;

async function studentCard(offset: number) {
  const [row] = await db().execute<{ id: number; card_no: string; person_id: number; type_code: string }>(sql`
    select c.id, c.card_no, c.person_id, c.type_code from cards c
     where c.status = 'active' and exists (select 1 from lock_grants g where g.card_id = c.id)
     order by c.id offset ${offset} limit 1`);
  return { id: Number(row!.id), cardNo: row!.card_no, personId: Number(row!.person_id), typeCode: row!.type_code };
}

/** Controllers (code) that drive a door the card holds, and those doors. */
async function cardDoors(cardId: number) {
  return db().execute<{ controller: string; door: string }>(sql`
    select ctl.code as controller, d.code as door from lock_grants g join doors d on d.id = g.door_id
      join controllers ctl on ctl.id = d.controller_id where g.card_id = ${cardId} order by d.code`);
}

describe('door pipeline', () => {
  it('delivered the seeded grants: every grant acknowledged, every controller seen', async () => {
    // The simulators hold them; the acknowledgements are recorded a moment after.
    await waitUntil(async () => (await db().execute(sql`select 1 from lock_grants where status <> 'granted' limit 1`)).length === 0, 5000, 'all acknowledged');
    const states = await db().execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from lock_grants group by status`);
    expect(states.map((s) => s.status)).toEqual(['granted']);
    const cmds = await db().execute<{ n: number }>(sql`select count(*)::int as n from door_commands where status <> 'acked'`);
    expect(cmds[0]!.n).toBe(0);
    const seen = await db().execute<{ code: string; last_seen_at: string | null }>(sql`select code, last_seen_at::text from controllers order by code`);
    expect(seen.every((c) => c.last_seen_at !== null)).toBe(true);
  });

  it('a card cut by revokeCardDoors leaves every simulator within 5 s; restoreCardDoors brings it back', async () => {
    const card = await studentCard(0);
    const doors = await cardDoors(card.id);
    expect(doors.length).toBe(2);
    const started = Date.now();
    await db().transaction((tx) => revokeCardDoors(tx, card.id, 'card_lost'));
    for (const [code, sim] of rig.sims) {
      await waitUntil(async () => (await cardDoorsOn(sim, code, card.cardNo)).length === 0, 5000 - (Date.now() - started), `card gone from ${code}`);
    }
    await waitUntil(async () => {
      const [r] = await db().execute<{ n: number }>(sql`select count(*)::int as n from lock_grants where card_id = ${card.id} and status <> 'revoked'`);
      return r!.n === 0;
    }, 3000, 'revokes acknowledged');

    await db().transaction((tx) => restoreCardDoors(tx, card.id, 'card_lost', 'card_unfrozen'));
    const sim = rig.sims.get(doors[0]!.controller)!;
    await waitUntil(
      async () => JSON.stringify(await cardDoorsOn(sim, doors[0]!.controller, card.cardNo)) === JSON.stringify(doors.map((d) => d.door)),
      5000,
      'doors restored',
    );
  });

  it('moveCardDoors: the new card opens the dorm doors, the old one opens nothing', async () => {
    const old = await studentCard(1);
    const doors = await cardDoors(old.id);
    const controller = doors[0]!.controller;
    const newNo = `R${old.cardNo}`;
    await db().transaction(async (tx) => {
      await tx.execute(sql`update cards set status = 'replaced' where id = ${old.id}`);
      const [made] = await tx.execute<{ id: number }>(
        sql`insert into cards (card_no, person_id, type_code) values (${newNo}, ${old.personId}, ${old.typeCode}) returning id`,
      );
      await moveCardDoors(tx, old.id, Number(made!.id));
    });
    const sim = rig.sims.get(controller)!;
    await waitUntil(async () => (await cardDoorsOn(sim, controller, newNo)).length === doors.length, 5000, 'new card on the doors');
    expect(await cardDoorsOn(sim, controller, newNo)).toEqual(doors.map((d) => d.door));
    for (const [code, s] of rig.sims) expect(await cardDoorsOn(s, code, old.cardNo)).toEqual([]);
  });

  it('a grant retried after a later revoke of the same card and door leaves the card absent', async () => {
    const card = await studentCard(2);
    const [grant] = await db().execute<{ id: number; version: string; door: string; controller: string; valid_from: string }>(sql`
      select g.id, g.version::text, d.code as door, ctl.code as controller, g.valid_from::text from lock_grants g
        join doors d on d.id = g.door_id join controllers ctl on ctl.id = d.controller_id
       where g.card_id = ${card.id} order by d.code limit 1`);
    const oldVersion = Number(grant!.version);
    await db().transaction((tx) => revokeGrants(tx, [Number(grant!.id)], 'clerk'));
    const sim = rig.sims.get(grant!.controller)!;
    await waitUntil(async () => !(await cardDoorsOn(sim, grant!.controller, card.cardNo)).includes(grant!.door), 5000, 'revoke applied');

    // The old grant pushed again, freshly signed (a retry by hand of its job, or a delayed duplicate).
    const body = JSON.stringify({ command: 'grant', cardNumber: card.cardNo, doors: [grant!.door], validFrom: new Date().toISOString(), validTo: null, version: oldVersion });
    const res = await fetch(sim.endpoint(grant!.controller), { method: 'POST', headers: signedHeaders(grant!.controller, `demo-secret-${grant!.controller}`, body), body });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ack: true, applied: false });
    // And its BullMQ job retried: pushed again at its old version, refused by the controller's version rule.
    const queue = rig.workers!.doors.queues().find((q) => q.name === `door-${grant!.controller}`)!;
    const job = await queue.getJob(`${grant!.controller}.${card.cardNo}.${grant!.door}.v${oldVersion}`);
    expect(job).toBeTruthy();
    await job!.retry('completed').catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    expect(await cardDoorsOn(sim, grant!.controller, card.cardNo)).not.toContain(grant!.door);
    const [row] = await db().execute<{ status: string }>(sql`select status from lock_grants where id = ${grant!.id}`);
    expect(row!.status).toBe('revoked');
  });

  it('a grant ends at its validity end: a delayed job revokes it on the controller', async () => {
    const card = await studentCard(3);
    const [door] = await db().execute<{ id: number; code: string; controller: string }>(sql`
      select d.id, d.code, ctl.code as controller from doors d join controllers ctl on ctl.id = d.controller_id
       where d.kind = 'room' and not exists (select 1 from lock_grants g where g.card_id = ${card.id} and g.door_id = d.id)
       order by d.id limit 1`);
    await db().transaction((tx) => grantDoors(tx, [{ cardId: card.id, doorId: Number(door!.id), reason: 'clerk', validTo: new Date(Date.now() + 2000) }]));
    const sim = rig.sims.get(door!.controller)!;
    await waitUntil(async () => (await cardDoorsOn(sim, door!.controller, card.cardNo)).includes(door!.code), 2000, 'short grant applied');
    await waitUntil(async () => !(await cardDoorsOn(sim, door!.controller, card.cardNo)).includes(door!.code), 6000, 'grant revoked at its end');
    const [row] = await db().execute<{ status: string; revoke_reason: string }>(
      sql`select status, revoke_reason from lock_grants where card_id = ${card.id} and door_id = ${door!.id}`,
    );
    await waitUntil(async () => (await db().execute<{ status: string }>(sql`select status from lock_grants where card_id = ${card.id} and door_id = ${door!.id}`))[0]!.status === 'revoked', 3000, 'revoked recorded');
    expect(row!.revoke_reason).toBe('validity_end');
  });

  it('a simulator restarted with empty memory is repaired by reconciliation, and the drift is counted', async () => {
    const code = 'ctl-n1';
    const sim = rig.sims.get(code)!;
    const [before] = await db().execute<{ n: number }>(sql`
      select count(distinct g.card_id)::int as n from lock_grants g join doors d on d.id = g.door_id join controllers c on c.id = d.controller_id
       where c.code = ${code} and g.revoke_reason is null`);
    expect(before!.n).toBeGreaterThan(0);
    const restartedAt = new Date();
    sim.restart(code);
    expect((await fetch(`${sim.endpoint(code)}/state`).then((r) => r.json()) as { cards: unknown[] }).cards).toEqual([]);
    await rig.workers!.doors.reconcileAll();
    await waitUntil(() => converged(rig), 10_000, 'reconciliation refills the controller');
    await waitUntil(async () => {
      const [r] = await db().execute<{ after: boolean }>(sql`select coalesce(last_reconciled_at > ${restartedAt.toISOString()}::timestamptz, false) as after from controllers where code = ${code}`);
      return r!.after;
    }, 5000, 'reconciliation recorded');
    const [ctl] = await db().execute<{ drift_last: number; drift_total: string; last_reconciled_at: string | null }>(
      sql`select drift_last, drift_total::text, last_reconciled_at::text from controllers where code = ${code}`,
    );
    const [pairs] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from lock_grants g join doors d on d.id = g.door_id join controllers c on c.id = d.controller_id
       where c.code = ${code} and g.revoke_reason is null`);
    expect(ctl!.drift_last).toBe(pairs!.n);
    expect(ctl!.last_reconciled_at).not.toBeNull();
  });

  it('marks a grant failed, with the error, when its controller stays offline past the last attempt', async () => {
    const code = 'ctl-n2';
    const sim = rig.sims.get(code)!;
    const card = await studentCard(4);
    const [door] = await db().execute<{ id: number }>(sql`
      select d.id from doors d join controllers ctl on ctl.id = d.controller_id
       where ctl.code = ${code} and not exists (select 1 from lock_grants g where g.card_id = ${card.id} and g.door_id = d.id) order by d.id limit 1`);
    sim.setFaults(code, { offline: true });
    try {
      await db().transaction((tx) => grantDoors(tx, [{ cardId: card.id, doorId: Number(door!.id), reason: 'clerk' }]));
      await waitUntil(async () => (await db().execute<{ status: string }>(sql`select status from lock_grants where card_id = ${card.id} and door_id = ${door!.id}`))[0]!.status === 'failed', 15_000, 'grant failed');
    } finally {
      sim.setFaults(code, { offline: false });
    }
    const [row] = await db().execute<{ last_error: string; attempts: number }>(sql`select last_error, attempts from lock_grants where card_id = ${card.id} and door_id = ${door!.id}`);
    expect(row!.last_error).toMatch(/unreachable/);
    expect(row!.attempts).toBe(6);
    const [ctl] = await db().execute<{ last_error: string }>(sql`select last_error from controllers where code = ${code}`);
    expect(ctl!.last_error).toMatch(/unreachable/);
  }, 30_000);
});
