import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';

/**
 * The family waiting count the board and every event carry is kept by a trigger; after each kind
 * of change it must equal what the rows say, counted here straight from `tickets`.
 */
let database: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 4 });
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

let seq = 0;
async function ticket(code: string, status = 'waiting') {
  seq += 1;
  const [row] = await handle.sql`insert into tickets (hall_date, prefix, seq, number, service_id, channel, status)
    select current_date, 'Z', ${seq}, ${'Z' + seq}, id, 'kiosk', ${status}::ticket_status from services where code = ${code} returning id`;
  return row!.id as string;
}

/** Every family's kept count next to the count of its waiting rows. */
async function keptAndCounted() {
  return handle.sql<{ code: string; kept: number; counted: number }[]>`
    select f.code, coalesce((select sum(fw.waiting)::int from family_waiting fw where fw.family_code = f.code), 0) as kept,
      (select count(*)::int from tickets t join services s on s.id = t.service_id where t.status = 'waiting' and s.family_code = f.code) as counted
    from window_families f order by f.code`;
}

async function expectExact() {
  const rows = await keptAndCounted();
  for (const row of rows) expect(row.kept, row.code).toBe(row.counted);
  return rows;
}

const familyOf = async (code: string) => (await handle.sql`select family_code from services where code = ${code}`)[0]!.family_code as string;

describe('the kept family waiting count', () => {
  it('equals the waiting rows after issues, calls, cancellations, transfers, deletes, a family move and a truncate', async () => {
    await expectExact();
    const a = await ticket('w20-card-report-lost');
    const b = await ticket('w20-card-report-lost');
    const c = await ticket('w14-grade-review');
    await ticket('w14-grade-review', 'called');
    let rows = await expectExact();
    const cardFamily = await familyOf('w20-card-report-lost');
    expect(rows.find((r) => r.code === cardFamily)!.counted).toBeGreaterThanOrEqual(2);

    await handle.sql`update tickets set status = 'called' where id = ${a}`;
    await handle.sql`update tickets set status = 'waiting' where id = ${a}`;
    await handle.sql`update tickets set status = 'cancelled' where id = ${b}`;
    await handle.sql`update tickets set note = 'unrelated change' where id = ${c}`;
    await expectExact();

    // A transfer to a service of another family moves the ticket's count.
    await handle.sql`update tickets set service_id = (select id from services where code = 'w08-household-certificate') where id = ${c}`;
    await expectExact();
    // Many rows in one statement, of several families at once.
    for (let i = 0; i < 5; i++) await ticket(i % 2 ? 'w03-campus-national-loan' : 'w12-outbound-procedures');
    await handle.sql`update tickets set status = 'expired' where status = 'waiting' and service_id in (select id from services where code in ('w03-campus-national-loan', 'w08-household-certificate'))`;
    await expectExact();
    await handle.sql`delete from tickets where id = ${a}`;
    await expectExact();

    // A service moved to another family takes its waiting tickets along.
    await ticket('w12-outbound-procedures');
    const before = await familyOf('w12-outbound-procedures');
    const other = await familyOf('w20-card-report-lost');
    await handle.sql`update services set family_code = ${other} where code = 'w12-outbound-procedures'`;
    await expectExact();
    await handle.sql`update services set family_code = ${before} where code = 'w12-outbound-procedures'`;
    await expectExact();

    await handle.sql`truncate tickets cascade`;
    rows = await expectExact();
    expect(rows.every((r) => r.kept === 0)).toBe(true);
  });

  it('stays exact when many transactions change one family at once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => ticket('w20-card-report-lost')));
    await Promise.all(ids.map((id, i) => handle.sql`update tickets set status = ${i % 3 === 0 ? 'called' : 'cancelled'}::ticket_status where id = ${id}`));
    await Promise.all(Array.from({ length: 20 }, () => ticket('w20-card-report-lost')));
    const rows = await expectExact();
    expect(rows.find((r) => r.kept === 20)).toBeDefined();
  });
});
