import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';

/** What the lock clerk's panel picks from: buildings, their rooms and doors, and people by number or name. */

export async function listBuildings(db: Db) {
  const rows = await db.execute<{ id: number; code: string; name_zh: string; name_en: string; kind: string }>(
    sql`select id, code, name_zh, name_en, kind from buildings order by code`,
  );
  return rows.map((b) => ({ id: Number(b.id), code: b.code, nameZh: b.name_zh, nameEn: b.name_en, kind: b.kind }));
}

type DoorRow = {
  id: number;
  code: string;
  name_zh: string;
  kind: 'entrance' | 'room' | 'gate';
  building_id: number;
  building_code: string;
  building_name_zh: string;
  building_name_en: string;
  room_id: number | null;
  room_number: string | null;
  room_floor: number | null;
  controller_id: number | null;
  controller_code: string | null;
  controller_name: string | null;
};

/** Doors of a building (or every door), entrances first, then rooms in number order. */
export async function listDoors(db: Db, filter: { buildingId?: number | undefined; roomId?: number | undefined }) {
  const rows = await db.execute<DoorRow>(sql`
    select d.id, d.code, d.name_zh, d.kind, b.id as building_id, b.code as building_code, b.name_zh as building_name_zh, b.name_en as building_name_en,
           r.id as room_id, r.number as room_number, r.floor as room_floor, k.id as controller_id, k.code as controller_code, k.name as controller_name
      from doors d join buildings b on b.id = d.building_id
      left join rooms r on r.id = d.room_id left join controllers k on k.id = d.controller_id
     where (${filter.buildingId ?? null}::int is null or d.building_id = ${filter.buildingId ?? null}::int)
       and (${filter.roomId ?? null}::int is null or d.room_id = ${filter.roomId ?? null}::int)
     order by b.code, d.kind <> 'entrance', r.number nulls first, d.code`);
  return rows.map((d) => ({
    id: Number(d.id),
    code: d.code,
    nameZh: d.name_zh,
    kind: d.kind,
    building: { id: Number(d.building_id), code: d.building_code, nameZh: d.building_name_zh, nameEn: d.building_name_en },
    room: d.room_id === null ? null : { id: Number(d.room_id), number: d.room_number!, floor: Number(d.room_floor) },
    controller: d.controller_id === null ? null : { id: Number(d.controller_id), code: d.controller_code!, name: d.controller_name! },
  }));
}

/** Rooms of a building with how many people live there now. */
export async function listRooms(db: Db, buildingId: number | undefined) {
  const rows = await db.execute<{
    id: number;
    number: string;
    floor: number;
    beds: number;
    occupants: number;
    building_id: number;
    code: string;
    name_zh: string;
    name_en: string;
  }>(sql`
    select r.id, r.number, r.floor, r.beds, b.id as building_id, b.code, b.name_zh, b.name_en,
           (select count(*)::int from dorm_assignments a where a.room_id = r.id and a.ends_on is null) as occupants
      from rooms r join buildings b on b.id = r.building_id
     where ${buildingId ?? null}::int is null or r.building_id = ${buildingId ?? null}::int
     order by b.code, r.floor, r.number`);
  return rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    floor: Number(r.floor),
    beds: Number(r.beds),
    occupants: Number(r.occupants),
    building: { id: Number(r.building_id), code: r.code, nameZh: r.name_zh, nameEn: r.name_en },
  }));
}

/** People whose number starts with, or whose name contains, the text: the desk finds the person in front of it. */
export async function findPeople(db: Db, q: string, limit: number) {
  const text = q.trim();
  if (text === '') return [];
  const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.execute<{ id: number; number: string; name: string; kind: string; class_name: string | null }>(sql`
    select id, number, name, kind, class_name from people
     where number ilike ${`${like}%`} or name like ${`%${like}%`}
     order by number = ${text} desc, number limit ${limit}`);
  return rows.map((p) => ({ id: Number(p.id), number: p.number, name: p.name, kind: p.kind, className: p.class_name }));
}
