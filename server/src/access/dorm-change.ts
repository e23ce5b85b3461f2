import { sql } from 'drizzle-orm';
import { appendAudit, doorsOfRooms, grantDoors, revokeGrants, usableCardOf, type AuditSource, type Db, type GrantInput } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';
import { hallDate } from '../queue/hall-day.ts';
import { personSummary } from './grant-actions.ts';
import { endOfHallDay, startOfHallDay } from './hall-dates.ts';

export interface DormChange {
  roomId: number;
  /** The hall-local day the person moves in. */
  startsOn: string;
  /** Last day of the new room's doors (inclusive); open-ended when null. */
  validTo?: string | null | undefined;
}

/**
 * Moves a person to another room in one transaction: the current assignment ends, the new one
 * starts, the doors only the old room needed are revoked and the new room's doors granted. A move
 * on a later day keeps the old doors until that day (their validity ends then) and opens the new
 * ones from it; doors both rooms share (the building entrance) are left as they are.
 */
export async function changeDorm(db: Db, who: AuditSource, tz: string, personId: number, change: DormChange): Promise<void> {
  const today = hallDate(tz);
  if (change.validTo && change.validTo < change.startsOn) throw new AppError(400, 'invalid_validity', 'The doors must stay valid at least until the move-in day');
  await db.transaction(async (tx) => {
    const [person] = await tx.execute<{ id: number }>(sql`select id from people where id = ${personId} for update`);
    if (!person) throw notFound('person');
    const [room] = await tx.execute<{ id: number; beds: number; occupants: number; label: string }>(sql`
      select r.id, r.beds, b.name_zh || r.number || '室' as label,
             (select count(*)::int from dorm_assignments a where a.room_id = r.id and a.ends_on is null and a.person_id <> ${personId}) as occupants
        from rooms r join buildings b on b.id = r.building_id where r.id = ${change.roomId}`);
    if (!room) throw notFound('room');
    if (Number(room.occupants) >= Number(room.beds)) throw new AppError(409, 'room_full', 'Every bed of the room is taken');
    const card = await usableCardOf(tx, personId);
    if (!card) throw new AppError(409, 'no_usable_card', 'The person has no active card to give doors to');

    const [current] = await tx.execute<{ id: number; room_id: number; starts_on: string }>(
      sql`select id, room_id, starts_on::text from dorm_assignments where person_id = ${personId} and ends_on is null for update`,
    );
    if (current && Number(current.room_id) === change.roomId) throw new AppError(409, 'same_room', 'The person already lives in this room');
    if (current && change.startsOn < current.starts_on) {
      throw new AppError(400, 'invalid_starts_on', 'The move cannot start before the current assignment did', `The current room is held from ${current.starts_on}`);
    }
    if (current) await tx.execute(sql`update dorm_assignments set ends_on = ${change.startsOn}::date where id = ${current.id}`);
    await tx.execute(sql`insert into dorm_assignments (person_id, room_id, starts_on) values (${personId}, ${change.roomId}, ${change.startsOn}::date)`);

    const doors = await doorsOfRooms(tx, current ? [Number(current.room_id), change.roomId] : [change.roomId]);
    const newDoors = doors.get(change.roomId)!;
    const oldDoors = current ? doors.get(Number(current.room_id))! : [];
    const held = await tx.execute<{ id: number; door_id: number; valid_from: Date | string }>(sql`
      select id, door_id, valid_from from lock_grants
       where card_id = ${card.id} and status in ('pending', 'granted', 'failed')
         and door_id = any(${`{${[...oldDoors, ...newDoors].join(',') || '0'}}`}::int[])`);
    const heldDoors = new Set(held.map((h) => Number(h.door_id)));
    const leaving = held.filter((h) => oldDoors.includes(Number(h.door_id)) && !newDoors.includes(Number(h.door_id)));

    const movesNow = change.startsOn <= today;
    const moveAt = startOfHallDay(change.startsOn, tz);
    const validTo = change.validTo ? endOfHallDay(change.validTo, tz) : null;
    const revokedIds = movesNow ? (await revokeGrants(tx, leaving.map((h) => Number(h.id)), 'dorm_change')).map((c) => c.grantId) : [];
    const handOver: GrantInput[] = movesNow
      ? []
      : leaving.map((h) => ({ cardId: card.id, doorId: Number(h.door_id), reason: 'dorm_change', validFrom: new Date(h.valid_from), validTo: moveAt }));
    const toGrant: GrantInput[] = newDoors
      .filter((d) => !(oldDoors.includes(d) && heldDoors.has(d)))
      .map((doorId) => ({ cardId: card.id, doorId, reason: 'dorm_change', validFrom: movesNow ? new Date() : moveAt, validTo }));
    const granted = await grantDoors(tx, [...handOver, ...toGrant]);

    await appendAudit(tx, who, {
      action: 'dorm.changed',
      objectType: 'person',
      objectId: personId,
      before: current ? { roomId: Number(current.room_id), assignmentId: Number(current.id) } : null,
      after: {
        ...(await personSummary(tx, personId)),
        roomName: room.label,
        roomId: change.roomId,
        startsOn: change.startsOn,
        cardId: card.id,
        grantedDoorIds: toGrant.map((g) => g.doorId),
        revokedGrantIds: revokedIds,
        endingGrantIds: movesNow ? [] : leaving.map((h) => Number(h.id)),
        grantIds: granted.map((g) => g.grantId),
      },
    });
  });
}
