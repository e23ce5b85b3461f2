import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.ts';
import { createDb, type DbHandle } from './client.ts';
import { schema } from './index.ts';

// One connection, so what the queries left prepared is what this connection's session holds.
let database: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 1 });
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const preparedLike = async (pattern: string) =>
  (await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_prepared_statements where statement like ${pattern}`))[0]!.n;

describe('the database client', () => {
  it('prepares a parameterised statement once per connection and reuses it, in and out of transactions', async () => {
    const byCode = (code: string) => handle.db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.code, code));
    const [first] = await handle.db.select({ code: schema.services.code }).from(schema.services).limit(1);
    await byCode(first!.code);
    await byCode('none-such');
    await handle.db.transaction(async (tx) => {
      await tx.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.code, first!.code));
      await tx.transaction(async (inner) => inner.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.code, 'x')));
    });
    expect(await preparedLike('%from "services" where "services"."code" = $1%')).toBe(1);
    expect((await byCode(first!.code)).length).toBe(1);
  });

  it('leaves a statement of many parameters unnamed', async () => {
    const codes = Array.from({ length: 150 }, (_, i) => `none-${i}`);
    const rows = await handle.db.execute(sql`select code from services where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
    expect(rows.length).toBe(0);
    expect(await preparedLike('select code from services where code in%')).toBe(0);
  });
});
