import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';

/**
 * The doors a dorm room implies: the room's own door and its building's entrances (the seeded data
 * has no floor doors; a floor door would join here on `rooms.floor`). One home for the rule, used by
 * the dorm change, the bulk import and the demo: `roomIds` is an `int[]` SQL expression, and the
 * fragment yields `(room_id, door_id)` rows.
 */
export function roomDoorsSql(roomIds: SQL): SQL {
  // Two equi-joins, not one join on an OR: a bulk import asks this for hundreds of rooms at once.
  return sql`select r.id as room_id, d.id as door_id from rooms r join doors d on d.room_id = r.id and d.kind = 'room' where r.id = any(${roomIds})
    union all
    select r.id as room_id, d.id as door_id from rooms r join doors d on d.building_id = r.building_id and d.kind = 'entrance' where r.id = any(${roomIds})`;
}

/** The door ids of each room, for a few rooms. */
export async function doorsOfRooms(db: Db | Tx, roomIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(roomIds.map((id) => [id, []]));
  if (roomIds.length === 0) return out;
  const rows = await db.execute<{ room_id: number; door_id: number }>(
    sql`select * from (${roomDoorsSql(sql`${`{${roomIds.join(',')}}`}::int[]`)}) as p order by 1, 2`,
  );
  for (const r of rows) out.get(Number(r.room_id))?.push(Number(r.door_id));
  return out;
}

/** SQL condition on a `cards` row (by its alias): the card a person can open doors with (one at most, by the live-card index). */
export const cardIsUsable = (alias = 'cards'): SQL => sql.raw(`${alias}.status = 'active'`);

export interface UsableCard {
  id: number;
  cardNo: string;
  validUntil: string | null;
}

/** A person's usable card: the one with status active, or null. */
export async function usableCardOf(db: Db | Tx, personId: number): Promise<UsableCard | null> {
  const [row] = await db.execute<{ id: number; card_no: string; valid_until: string | null }>(
    sql`select id, card_no, valid_until::text from cards where person_id = ${personId} and ${cardIsUsable()} order by id desc limit 1`,
  );
  return row ? { id: Number(row.id), cardNo: row.card_no, validUntil: row.valid_until } : null;
}
