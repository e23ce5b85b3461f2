import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { appendAudit, cardIsUsable, doorsOfRooms, grantDoors, revokeGrants, roomDoorsSql, type AuditSource, type Db, type GrantInput, type Tx } from '@campus/db';
import { hallDate } from '../queue/hall-day.ts';
import { endOfHallDay, startOfHallDay } from './hall-dates.ts';
import { err, errorReportCsv, parseImport, type ImportRow } from './import-parse.ts';
import type { ImportError, ImportReport } from './schemas.ts';

/** Imports of dorm assignments run one at a time: the same file sent twice applies once. */
const IMPORT_LOCK = 727_013;
const PREVIEW_ROWS = 200;

interface Resolved extends ImportRow {
  personId: number;
  name: string;
  cardId: number;
  roomId: number;
  currentRoomId: number | null;
}

type ResolveRow = {
  line: number;
  person_id: number | null;
  name: string | null;
  card_id: number | null;
  building_id: number | null;
  room_id: number | null;
  current_room_id: number | null;
};

const asJson = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The database checks of every row at once: who, which card, which room, where they live now. */
async function resolveRows(tx: Tx, rows: readonly ImportRow[]): Promise<{ resolved: Resolved[]; errors: ImportError[] }> {
  if (rows.length === 0) return { resolved: [], errors: [] };
  const found = await tx.execute<ResolveRow>(sql`
    with input as (
      select (x->>'line')::int as line, x->>'n' as number, x->>'b' as building, x->>'r' as room
        from jsonb_array_elements(${asJson(rows.map((r) => ({ line: r.line, n: r.studentNumber, b: r.building, r: r.room })))}) as x
    )
    select i.line, p.id as person_id, p.name, c.id as card_id, b.id as building_id, r.id as room_id, cur.room_id as current_room_id
      from input i
      left join people p on p.number = i.number
      left join cards c on c.person_id = p.id and ${cardIsUsable('c')}
      left join buildings b on upper(b.code) = i.building
      left join rooms r on r.building_id = b.id and r.number = i.room
      left join dorm_assignments cur on cur.person_id = p.id and cur.ends_on is null
     order by i.line`);
  const byLine = new Map(found.map((f) => [Number(f.line), f]));
  const resolved: Resolved[] = [];
  const errors: ImportError[] = [];
  for (const row of rows) {
    const f = byLine.get(row.line)!;
    const faults: ImportError[] = [];
    if (f.person_id === null) faults.push(err(row.line, 'studentNumber', 'unknown_student', `没有学号为 ${row.studentNumber} 的学生`));
    else if (f.card_id === null) faults.push(err(row.line, 'studentNumber', 'no_usable_card', `${f.name ?? row.studentNumber} 没有可用的校园卡（挂失、过期或未办卡）`));
    if (f.building_id === null) faults.push(err(row.line, 'building', 'unknown_building', `没有代码为 ${row.building} 的楼栋`));
    else if (f.room_id === null) faults.push(err(row.line, 'room', 'unknown_room', `${row.building} 没有 ${row.room} 房间`));
    if (faults.length > 0) {
      errors.push(...faults);
      continue;
    }
    resolved.push({
      ...row,
      personId: Number(f.person_id),
      name: f.name!,
      cardId: Number(f.card_id),
      roomId: Number(f.room_id),
      currentRoomId: f.current_room_id === null ? null : Number(f.current_room_id),
    });
  }
  const full = await overfilled(tx, resolved);
  return { resolved: resolved.filter((r) => !full.has(r.line)), errors: [...errors, ...[...full.values()]] };
}

/**
 * Rows that would put more people in a room than it has beds: those staying who are not in the
 * file, plus the file's rows for the room in line order; the rows past the last bed are faults.
 */
async function overfilled(tx: Tx, rows: readonly Resolved[]): Promise<Map<number, ImportError>> {
  const out = new Map<number, ImportError>();
  if (rows.length === 0) return out;
  const rooms = await tx.execute<{ id: number; beds: number; staying: number }>(sql`
    select r.id, r.beds,
           count(a.id) filter (where a.person_id <> all(${`{${rows.map((x) => x.personId).join(',')}}`}::int[]))::int as staying
      from rooms r left join dorm_assignments a on a.room_id = r.id and a.ends_on is null
     where r.id = any(${`{${[...new Set(rows.map((x) => x.roomId))].join(',')}}`}::int[])
     group by r.id`);
  const free = new Map(rooms.map((r) => [Number(r.id), Number(r.beds) - Number(r.staying)]));
  for (const row of rows) {
    const left = free.get(row.roomId) ?? 0;
    if (left > 0) free.set(row.roomId, left - 1);
    else out.set(row.line, err(row.line, 'room', 'room_full', `${row.building} ${row.room} 房间床位已满`));
  }
  return out;
}

/** Rows whose person moves (or gets a first room): the assignments change, the old room's doors go. */
async function moveAssignments(tx: Tx, moved: readonly Resolved[], today: string, tz: string): Promise<number> {
  if (moved.length === 0) return 0;
  const list = asJson(moved.map((m) => ({ p: m.personId, r: m.roomId, c: m.cardId, o: m.currentRoomId, f: m.validFrom })));
  await tx.execute(sql`
    update dorm_assignments a set ends_on = greatest(a.starts_on, (x->>'f')::date)
      from jsonb_array_elements(${list}) as x
     where a.person_id = (x->>'p')::int and a.ends_on is null`);
  await tx.execute(sql`
    insert into dorm_assignments (person_id, room_id, starts_on)
    select (x->>'p')::int, (x->>'r')::int, (x->>'f')::date from jsonb_array_elements(${list}) as x`);
  // Doors the old room implied and the new one does not, still open on the card.
  const leaving = await tx.execute<{ id: number; card_id: number; door_id: number; valid_from: Date | string; moves_on: string }>(sql`
    with x as (
      select (e->>'c')::int as card_id, (e->>'r')::int as room_id, (e->>'o')::int as old_room_id, e->>'f' as moves_on
        from jsonb_array_elements(${list}) as e
    ),
    old_doors as (${roomDoorsSql(sql`(select array_agg(distinct old_room_id) from x)::int[]`)}),
    new_doors as (${roomDoorsSql(sql`(select array_agg(distinct room_id) from x)::int[]`)})
    select g.id, g.card_id, g.door_id, g.valid_from, x.moves_on
      from x
      join old_doors o on o.room_id = x.old_room_id
      join lock_grants g on g.card_id = x.card_id and g.door_id = o.door_id and g.status in ('pending', 'granted', 'failed')
     where not exists (select 1 from new_doors n where n.room_id = x.room_id and n.door_id = o.door_id)`);
  const now = leaving.filter((l) => l.moves_on <= today);
  const later = leaving.filter((l) => l.moves_on > today);
  const revoked = await revokeGrants(tx, now.map((l) => Number(l.id)), 'dorm_change');
  // A move on a later day: the old doors stay until that day starts, then their validity ends.
  const ending = await grantDoors(
    tx,
    later.map((l) => ({ cardId: Number(l.card_id), doorId: Number(l.door_id), reason: 'dorm_change', validFrom: new Date(l.valid_from), validTo: startOfHallDay(l.moves_on, tz) })),
  );
  return revoked.length + ending.length;
}

/**
 * The new rooms' doors, for the file's validity window, except where the card already holds
 * exactly that: an import sent again changes nothing. A door kept from before (the same building's
 * entrance) keeps its earlier start, so a move on a later day never closes it in between. Two
 * plain reads (the rooms' doors, the cards' grants) and the comparison here: a single statement
 * joining them was planned badly on freshly written rows.
 */
async function grantRoomDoors(tx: Tx, rows: readonly Resolved[], tz: string): Promise<{ granted: number; touched: Set<number> }> {
  const doorsOf = await doorsOfRooms(tx, [...new Set(rows.map((r) => r.roomId))]);
  const held = await tx.execute<{ card_id: number; door_id: number; status: string; valid_from: Date | string; valid_to: Date | string | null }>(sql`
    select card_id, door_id, status, valid_from, valid_to from lock_grants where card_id = any(${`{${rows.map((r) => r.cardId).join(',')}}`}::int[])`);
  const current = new Map(held.map((h) => [`${Number(h.card_id)}:${Number(h.door_id)}`, h]));
  const inputs: GrantInput[] = [];
  const touched = new Set<number>();
  for (const row of rows) {
    const from = startOfHallDay(row.validFrom, tz);
    const to = endOfHallDay(row.validTo, tz);
    for (const doorId of doorsOf.get(row.roomId) ?? []) {
      const g = current.get(`${row.cardId}:${doorId}`);
      const live = g !== undefined && (g.status === 'pending' || g.status === 'granted');
      const since = live ? new Date(g.valid_from) : null;
      const validFrom = since && since < from ? since : from;
      if (live && since!.getTime() === validFrom.getTime() && g.valid_to !== null && new Date(g.valid_to).getTime() === to.getTime()) continue;
      inputs.push({ cardId: row.cardId, doorId, reason: 'bulk_import', validFrom, validTo: to });
      touched.add(row.line);
    }
  }
  const granted = await grantDoors(tx, inputs);
  return { granted: granted.length, touched };
}

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Reads, checks and (unless `dryRun`) applies a CSV of dorm assignments in one transaction: every
 * row is valid and all of it applies, or nothing does and the report lists each fault. A dry run
 * goes through the very same statements and rolls back, so its figures are what applying does.
 */
export async function importDormAssignments(db: Db, who: AuditSource, tz: string, csv: string, dryRun: boolean): Promise<ImportReport> {
  const today = hallDate(tz);
  const parsed = parseImport(csv, today);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const { resolved, errors: dbErrors } = await resolveRows(tx, parsed.rows);
      const errors = [...parsed.errors, ...dbErrors].sort((a, b) => a.row - b.row);
      const preview = resolved.slice(0, PREVIEW_ROWS).map((r) => ({
        row: r.line,
        studentNumber: r.studentNumber,
        name: r.name,
        buildingCode: r.building,
        roomNumber: r.room,
        validFrom: r.validFrom,
        validTo: r.validTo,
        action: r.currentRoomId === null ? ('new' as const) : r.currentRoomId === r.roomId ? ('same' as const) : ('move' as const),
      }));
      const rows = parsed.total;
      if (errors.length > 0) {
        const report = { dryRun, applied: false, summary: { rows, moved: 0, granted: 0, revoked: 0, unchanged: 0 }, errors, errorReportCsv: errorReportCsv(errors), preview };
        throw new DryRun(report);
      }
      await tx.execute(sql`select 1 from people where id = any(${`{${resolved.map((r) => r.personId).join(',')}}`}::int[]) order by id for update`);
      const moved = resolved.filter((r) => r.currentRoomId !== r.roomId);
      const revoked = await moveAssignments(tx, moved, today, tz);
      const { granted, touched } = await grantRoomDoors(tx, resolved, tz);
      const movedLines = new Set(moved.map((m) => m.line));
      const summary = { rows, moved: moved.length, granted, revoked, unchanged: resolved.filter((r) => !movedLines.has(r.line) && !touched.has(r.line)).length };
      const report: ImportReport = { dryRun, applied: !dryRun, summary, errors: [], errorReportCsv: null, preview };
      if (dryRun) throw new DryRun(report);
      await appendAudit(tx, who, {
        action: 'lock_grant.imported',
        objectType: 'lock_import',
        objectId: createHash('sha256').update(csv).digest('hex').slice(0, 16),
        after: summary,
      });
      return report;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.report;
    throw e;
  }
}
