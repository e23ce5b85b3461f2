import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../client.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { grantDoors, moveCardDoors, restoreCardDoors, revokeCardDoors } from './door-access.ts';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

async function state(cardId: number) {
  return handle.db.execute<{ door_id: number; status: string; version: string; revoke_reason: string | null }>(
    sql`select door_id, status, version::text, revoke_reason from lock_grants where card_id = ${cardId} order by door_id`,
  );
}

describe('door access writer', () => {
  it('grants, cuts on loss, restores, and moves to a replacement with growing versions', async () => {
    const [card] = await handle.db.execute<{ id: number; person_id: number }>(sql`select id, person_id from cards where status = 'active' order by id limit 1`);
    const doorRows = await handle.db.execute<{ id: number }>(sql`select id from doors order by id limit 2`);
    const doorIds = doorRows.map((d) => Number(d.id));
    await handle.db.execute(sql`delete from lock_grants where card_id = ${card!.id}`);

    await handle.db.transaction((tx) => grantDoors(tx, doorIds.map((doorId) => ({ cardId: card!.id, doorId, reason: 'clerk' as const }))));
    expect((await state(card!.id)).map((r) => [r.status, r.version])).toEqual([['pending', '1'], ['pending', '1']]);

    const cut = await handle.db.transaction((tx) => revokeCardDoors(tx, card!.id, 'card_lost'));
    expect(cut.map((c) => c.command)).toEqual(['revoke', 'revoke']);
    expect((await state(card!.id)).map((r) => [r.status, r.version, r.revoke_reason])).toEqual([
      ['revoke_pending', '2', 'card_lost'],
      ['revoke_pending', '2', 'card_lost'],
    ]);

    await handle.db.transaction((tx) => restoreCardDoors(tx, card!.id, 'card_lost', 'card_unfrozen'));
    expect((await state(card!.id)).map((r) => [r.status, r.version])).toEqual([['pending', '3'], ['pending', '3']]);

    const newCardId = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`update cards set status = 'replaced' where id = ${card!.id}`);
      const [made] = await tx.execute<{ id: number }>(
        sql`insert into cards (card_no, person_id, type_code) select 'T-' || card_no, person_id, type_code from cards where id = ${card!.id} returning id`,
      );
      await moveCardDoors(tx, card!.id, Number(made!.id));
      return Number(made!.id);
    });
    expect((await state(card!.id)).map((r) => [r.status, r.revoke_reason])).toEqual([
      ['revoke_pending', 'card_replaced'],
      ['revoke_pending', 'card_replaced'],
    ]);
    expect((await state(newCardId)).map((r) => [Number(r.door_id), r.status])).toEqual(doorIds.map((d) => [d, 'pending']));
  });
});
