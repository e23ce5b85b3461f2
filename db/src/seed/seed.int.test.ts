import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { catalogue, DemoSeedRefused, seedCatalogue, seedDemo } from './index.ts';

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

const counts = async () => {
  const [row] = await handle.sql<Record<string, number>[]>`select
    (select count(*)::int from windows) as windows,
    (select count(*)::int from window_hours) as hours,
    (select count(*)::int from services) as services,
    (select count(*)::int from service_materials) as materials,
    (select count(*)::int from service_steps) as steps,
    (select count(*)::int from service_windows) as service_windows,
    (select count(*)::int from accounts) as accounts,
    (select count(*)::int from account_roles) as roles,
    (select count(*)::int from cards) as cards,
    (select count(*)::int from doors) as doors,
    (select count(*)::int from devices) as devices,
    (select count(*)::int from dorm_assignments) as beds`;
  return row!;
};

describe('seeding', () => {
  it('is idempotent, even when two processes seed at once', async () => {
    const before = await counts();
    const opts = { controllerSimulatorUrl: 'http://127.0.0.1:3100', production: false };
    const results = await Promise.all([seedCatalogue(handle.db, catalogue), seedCatalogue(handle.db, catalogue)]);
    expect(results).toEqual([
      { windowsAdded: 0, servicesAdded: 0 },
      { windowsAdded: 0, servicesAdded: 0 },
    ]);
    await Promise.all([seedDemo(handle.db, opts), seedDemo(handle.db, opts)]);
    expect(await counts()).toEqual(before);
  });

  it('never overwrites what an admin edited', async () => {
    await handle.sql`update services set name_zh = '管理员改过的名字' where code = 'w08-household-card-loan'`;
    await seedCatalogue(handle.db, catalogue);
    const [row] = await handle.sql`select name_zh from services where code = 'w08-household-card-loan'`;
    expect(row!.name_zh).toBe('管理员改过的名字');
  });

  it('adds what is missing, with its materials and windows', async () => {
    const code = 'w21-card-replacement';
    expect(catalogue.services.some((s) => s.code === code)).toBe(true);
    const [svc] = await handle.sql`select id from services where code = ${code}`;
    await handle.sql`delete from services where id = ${svc!.id}`;
    const result = await seedCatalogue(handle.db, catalogue);
    expect(result.servicesAdded).toBe(1);
    const [again] = await handle.sql`select s.fee_fen, (select count(*)::int from service_windows sw where sw.service_id = s.id) as windows,
      (select count(*)::int from service_steps st where st.service_id = s.id) as steps from services s where code = ${code}`;
    expect(again).toMatchObject({ fee_fen: 2000, windows: 1 });
    expect(again!.steps).toBeGreaterThan(3);
  });

  it('creates exactly the demo accounts the README promises', async () => {
    const rows = await handle.sql<{ username: string; roles: string[]; windows: number[] }[]>`
      select a.username, array(select r.role::text from account_roles r where r.account_id = a.id order by 1) as roles,
        array(select w.number from clerk_windows cw join windows w on w.id = cw.window_id where cw.account_id = a.id) as windows
      from accounts a`;
    const byName = new Map(rows.map((r) => [r.username, r]));
    expect(byName.get('admin')?.roles).toEqual(['admin']);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 15, 17, 20, 21, 22, 23, 24, 25]) {
      const clerk = byName.get(`clerk${String(n).padStart(2, '0')}`);
      expect(clerk?.windows).toEqual([n]);
      expect(clerk?.roles).toContain('clerk');
      expect(clerk?.roles.includes('card_clerk')).toBe([20, 21, 22, 23, 25].includes(n));
      expect(clerk?.roles.includes('lock_clerk')).toBe(n === 24);
    }
    const students = rows.filter((r) => /^S\d{4}$/.test(r.username)).map((r) => r.username).sort();
    expect(students).toHaveLength(50);
    expect([students[0], students[49]]).toEqual(['S0001', 'S0050']);
    const [live] = await handle.sql`select count(distinct person_id)::int as n from cards where status = 'active'`;
    expect(live!.n).toBe(50);
  });

  it('refuses the demo seed in production', async () => {
    await expect(seedDemo(handle.db, { controllerSimulatorUrl: 'http://x', production: true })).rejects.toBeInstanceOf(DemoSeedRefused);
  });
});

describe('schema rules', () => {
  it('keeps the audit log append-only', async () => {
    await handle.sql`insert into audit_log (action, object_type, object_id) values ('test.write', 'test', '1')`;
    await expect(handle.sql`update audit_log set action = 'rewritten'`).rejects.toThrow(/append-only/);
    await expect(handle.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    const [row] = await handle.sql`select count(*)::int as n from audit_log where action = 'test.write'`;
    expect(row!.n).toBe(1);
  });

  it('allows one live card per person', async () => {
    const [card] = await handle.sql`select person_id, type_code from cards limit 1`;
    await expect(
      handle.sql`insert into cards (card_no, person_id, type_code) values ('X-1', ${card!.person_id}, ${card!.type_code})`,
    ).rejects.toThrow(/cards_one_live_per_person_idx/);
  });
});
