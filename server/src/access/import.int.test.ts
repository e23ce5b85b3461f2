import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createCardHolders, createDormBuilding, type TestBuilding } from '../../../test-support/door-factories.ts';

const ctx = useTestApp();

const HEADER = '学号,楼栋,房间号,生效日期,失效日期';

function fileFor(holders: { number: string }[], building: TestBuilding, from = '2026-09-01', to = '2027-07-15'): string[] {
  const rooms = [...building.rooms.keys()];
  return holders.map((h, i) => `${h.number},${building.code},${rooms[Math.floor(i / 4) % rooms.length]},${from},${to}`);
}

async function importCsv(csv: string, dryRun = false) {
  const token = await sessionFor(ctx.app, 'clerk24');
  return injectAs(ctx.app, token, { method: 'POST', url: '/api/lock-grants/import', payload: { csv, dryRun } });
}

/** The import's effect on these cards and people, read from the rows. */
async function effect(personIds: number[], cardIds: number[]) {
  const { sql } = ctx.app.pg;
  const [a] = await sql`select count(*)::int as all, count(*) filter (where ends_on is null)::int as current from dorm_assignments where person_id = any(${personIds}::int[])`;
  const [g] = await sql`select count(*)::int as grants, count(*) filter (where status = 'pending' and reason = 'bulk_import')::int as pending,
      count(distinct card_id)::int as cards, max(version)::int as max_version
    from lock_grants where card_id = any(${cardIds}::int[])`;
  return { assignments: a!.all as number, current: a!.current as number, grants: g!.grants as number, pending: g!.pending as number, cards: g!.cards as number, maxVersion: g!.max_version as number | null };
}

describe('bulk import of dorm assignments', () => {
  it('applies a 2,000-row file in one go: each student housed, room door and entrance granted for the window', async () => {
    const building = await createDormBuilding(ctx.app, 10, 50);
    const holders = await createCardHolders(ctx.app, 2000);
    const csv = [HEADER, ...fileFor(holders, building)].join('\n');
    const started = Date.now();
    const res = await importCsv(csv);
    const took = Date.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toEqual({ rows: 2000, moved: 2000, granted: 4000, revoked: 0, unchanged: 0 });
    expect(took).toBeLessThan(10_000);

    const personIds = holders.map((h) => h.personId);
    const cardIds = holders.map((h) => h.cardId);
    expect(await effect(personIds, cardIds)).toEqual({ assignments: 2000, current: 2000, grants: 4000, pending: 4000, cards: 2000, maxVersion: 1 });
    const { sql } = ctx.app.pg;
    // Every card holds exactly its own room's door and the entrance, valid 2026-09-01 00:00 to 2027-07-16 00:00 hall time.
    const [wrong] = await sql`
      select count(*)::int as n from lock_grants g join cards c on c.id = g.card_id
        join dorm_assignments a on a.person_id = c.person_id and a.ends_on is null
        join doors d on d.id = g.door_id
       where g.card_id = any(${cardIds}::int[])
         and (not ((d.kind = 'room' and d.room_id = a.room_id) or (d.kind = 'entrance' and d.id = ${building.entranceDoorId}))
              or g.valid_from <> ('2026-09-01'::timestamp at time zone ${ctx.config.hallTz})
              or g.valid_to <> ('2027-07-16'::timestamp at time zone ${ctx.config.hallTz}))`;
    expect(wrong!.n).toBe(0);
    const [audit] = await sql`select after from audit_log where action = 'lock_grant.imported' order by id desc limit 1`;
    expect(audit!.after).toMatchObject({ rows: 2000, granted: 4000 });
  }, 60_000);

  it('applies nothing from a file with 3 bad rows, and reports exactly those 3', async () => {
    const building = await createDormBuilding(ctx.app, 2, 5);
    const holders = await createCardHolders(ctx.app, 20);
    await ctx.app.pg.sql`update cards set status = 'lost' where id = ${holders[7]!.cardId}`;
    const lines = fileFor(holders, building);
    lines[3] = `NOSUCH0001,${building.code},101,2026-09-01,2027-07-15`; // line 5: unknown student
    lines[9] = `${holders[9]!.number},${building.code},999,2026-09-01,2027-07-15`; // line 11: unknown room
    const res = await importCsv([HEADER, ...lines].join('\n')); // line 9: a lost card
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import_invalid');
    expect(body.report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [5, 'studentNumber', 'unknown_student'],
      [9, 'studentNumber', 'no_usable_card'],
      [11, 'room', 'unknown_room'],
    ]);
    expect(body.report.errorReportCsv.split('\r\n')).toEqual([
      '\uFEFF行号,列,原因',
      '5,学号,没有学号为 NOSUCH0001 的学生',
      `9,学号,门禁学生8 没有可用的校园卡（挂失、过期或未办卡）`,
      `11,房间号,${building.code} 没有 999 房间`,
      '',
    ]);
    expect(await effect(holders.map((h) => h.personId), holders.map((h) => h.cardId))).toMatchObject({ assignments: 0, grants: 0 });
  });

  it('reports bad dates, missing values and repeated students by line and column', async () => {
    const building = await createDormBuilding(ctx.app, 1, 5);
    const holders = await createCardHolders(ctx.app, 3);
    const res = await importCsv(
      [
        HEADER,
        `${holders[0]!.number},${building.code},101,2026-02-30,2027-07-15`,
        `${holders[1]!.number},${building.code},,2026-09-01,2027-07-15`,
        `${holders[2]!.number},${building.code},102,2027-09-01,2026-07-15`,
        `${holders[1]!.number},${building.code},103,2026-09-01,2027-07-15`,
      ].join('\n'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, 'validFrom', 'bad_date'],
      [3, 'room', 'missing_value'],
      [4, 'validTo', 'dates_reversed'],
      [5, 'studentNumber', 'duplicate_row'],
    ]);
    expect(res.json().report.errors[3].reasonZh).toBe(`学号 ${holders[1]!.number} 与第 3 行重复`);
  });

  it('refuses rows past a room’s last bed, counting those who stay and those who leave it', async () => {
    const building = await createDormBuilding(ctx.app, 1, 2);
    const holders = await createCardHolders(ctx.app, 6);
    // Two live in 101; one of them moves out in the file, so four of the file's five rows for 101 fit.
    await ctx.app.pg.sql`insert into dorm_assignments (person_id, room_id, starts_on) values
      (${holders[0]!.personId}, ${building.rooms.get('101')!.id}, '2026-01-01'), (${holders[1]!.personId}, ${building.rooms.get('101')!.id}, '2026-01-01')`;
    const lines = [`${holders[0]!.number},${building.code},102,2026-09-01,2027-07-15`, ...holders.slice(1).map((h) => `${h.number},${building.code},101,2026-09-01,2027-07-15`)];
    const res = await importCsv([HEADER, ...lines].join('\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[7, 'room_full']]);
  });

  it('previews with dryRun: the figures applying would give, nothing written', async () => {
    const building = await createDormBuilding(ctx.app, 1, 5);
    const holders = await createCardHolders(ctx.app, 6);
    const res = await importCsv([HEADER, ...fileFor(holders, building)].join('\n'), true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, applied: false, summary: { rows: 6, moved: 6, granted: 12 }, errors: [] });
    expect(res.json().preview[0]).toMatchObject({ row: 2, studentNumber: holders[0]!.number, action: 'new', roomNumber: '101' });
    expect(await effect(holders.map((h) => h.personId), holders.map((h) => h.cardId))).toMatchObject({ assignments: 0, grants: 0 });
  });

  it('yields one set of grants when the same file is imported twice at once', async () => {
    const building = await createDormBuilding(ctx.app, 5, 10);
    const holders = await createCardHolders(ctx.app, 200);
    const csv = [HEADER, ...fileFor(holders, building)].join('\n');
    const [a, b] = await Promise.all([importCsv(csv), importCsv(csv)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const granted = [a.json().summary.granted, b.json().summary.granted].sort((x, y) => x - y);
    expect(granted).toEqual([0, 400]);
    expect(await effect(holders.map((h) => h.personId), holders.map((h) => h.cardId))).toEqual({ assignments: 200, current: 200, grants: 400, pending: 400, cards: 200, maxVersion: 1 });
  });

  it('moves people listed in another room: old room door revoked, the new one granted', async () => {
    const building = await createDormBuilding(ctx.app, 1, 5);
    const other = await createDormBuilding(ctx.app, 1, 5);
    const holders = await createCardHolders(ctx.app, 2);
    expect((await importCsv([HEADER, `${holders[0]!.number},${building.code},101,2026-01-01,2027-07-15`, `${holders[1]!.number},${building.code},101,2026-01-01,2027-07-15`].join('\n'))).statusCode).toBe(200);
    const res = await importCsv([HEADER, `${holders[0]!.number},${other.code},105,2026-01-02,2027-07-15`, `${holders[1]!.number},${building.code},101,2026-01-01,2027-07-15`].join('\n'));
    expect(res.json().summary).toMatchObject({ moved: 1, unchanged: 1, granted: 2, revoked: 2 });
    const rows = await ctx.app.pg.sql`select d.code, g.status, g.revoke_reason from lock_grants g join doors d on d.id = g.door_id where g.card_id = ${holders[0]!.cardId} order by d.code`;
    // Building codes are random: order the expected rows as the database orders codes (collation C).
    expect(rows.map((r) => [r.code, r.status, r.revoke_reason])).toEqual(
      [
        [`${building.code}-101`, 'revoke_pending', 'dorm_change'],
        [`${building.code}-entrance`, 'revoke_pending', 'dorm_change'],
        [`${other.code}-105`, 'pending', null],
        [`${other.code}-entrance`, 'pending', null],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
  });
});
