import { sql } from 'drizzle-orm';
import { usableCardOf, type Db, type Tx } from '@campus/db';
import { notFound } from '../common/problem.ts';
import type { ControllerState, Grant, PersonGrants } from './schemas.ts';

type GrantRow = {
  id: number;
  card_id: number;
  card_no: string;
  card_status: string;
  door_id: number;
  door_code: string;
  door_name: string;
  door_kind: Grant['door']['kind'];
  building_id: number;
  building_code: string;
  building_name_zh: string;
  building_name_en: string;
  room_id: number | null;
  room_number: string | null;
  status: Grant['status'];
  reason: string;
  revoke_reason: string | null;
  valid_from: Date | string;
  valid_to: Date | string | null;
  requested_at: Date | string;
  applied_at: Date | string | null;
  attempts: number;
  last_error: string | null;
  sent: boolean;
  controller_id: number | null;
  controller_code: string | null;
  controller_name: string | null;
};

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * What the door's controller has of this grant. The grant row carries the pipeline's progress:
 * acknowledged once granted/revoked, failed after the last attempt, sent once the push of the
 * grant's current version left the worker (its `door_commands` row has `sent_at`).
 */
export function controllerState(status: Grant['status'], sent: boolean): ControllerState {
  if (status === 'failed') return 'failed';
  if (status === 'granted' || status === 'revoked') return 'acknowledged';
  return sent ? 'sent' : 'pending';
}

function toGrant(r: GrantRow, showErrors: boolean): Grant {
  const command = r.status === 'revoke_pending' || r.status === 'revoked' || (r.status === 'failed' && r.revoke_reason !== null) ? 'revoke' : 'grant';
  return {
    id: Number(r.id),
    card: { id: Number(r.card_id), cardNo: r.card_no, status: r.card_status },
    door: { id: Number(r.door_id), code: r.door_code, nameZh: r.door_name, kind: r.door_kind },
    building: { id: Number(r.building_id), code: r.building_code, nameZh: r.building_name_zh, nameEn: r.building_name_en },
    room: r.room_id === null ? null : { id: Number(r.room_id), number: r.room_number! },
    status: r.status,
    reason: r.reason,
    revokeReason: r.revoke_reason,
    validFrom: iso(r.valid_from),
    validTo: r.valid_to === null ? null : iso(r.valid_to),
    controllers:
      r.controller_id === null
        ? []
        : [
            {
              id: Number(r.controller_id),
              code: r.controller_code!,
              name: r.controller_name!,
              command,
              state: controllerState(r.status, r.sent),
              error: showErrors ? r.last_error : null,
              attempts: Number(r.attempts),
              requestedAt: iso(r.requested_at),
              appliedAt: r.applied_at === null ? null : iso(r.applied_at),
            },
          ],
  };
}

/** Every grant on the person's cards still alive (active or lost), the revoked ones last. */
async function grantsOf(db: Db | Tx, personId: number, showErrors: boolean): Promise<Grant[]> {
  const rows = await db.execute<GrantRow>(sql`
    select g.id, g.card_id, c.card_no, c.status as card_status, g.door_id, d.code as door_code, d.name_zh as door_name, d.kind as door_kind,
           b.id as building_id, b.code as building_code, b.name_zh as building_name_zh, b.name_en as building_name_en,
           r.id as room_id, r.number as room_number, g.status, g.reason, g.revoke_reason, g.valid_from, g.valid_to,
           g.requested_at, g.applied_at, g.attempts, g.last_error,
           exists (select 1 from door_commands dc where dc.grant_id = g.id and dc.version = g.version and dc.sent_at is not null) as sent, k.id as controller_id, k.code as controller_code, k.name as controller_name
      from lock_grants g
      join cards c on c.id = g.card_id
      join doors d on d.id = g.door_id
      join buildings b on b.id = d.building_id
      left join rooms r on r.id = d.room_id
      left join controllers k on k.id = d.controller_id
     where c.person_id = ${personId} and c.status in ('active', 'lost')
     order by g.status in ('revoked', 'revoke_pending'), b.code, d.kind, d.code`);
  return rows.map((r) => toGrant(r, showErrors));
}

/** The grant's owner, for answering with the person's whole list after a change. */
export async function personOfGrant(db: Db | Tx, grantId: number): Promise<number | null> {
  const [row] = await db.execute<{ person_id: number }>(sql`select c.person_id from lock_grants g join cards c on c.id = g.card_id where g.id = ${grantId}`);
  return row ? Number(row.person_id) : null;
}

/** A person, their usable card, current dorm room and door grants. `showErrors`: controller errors are for staff. */
export async function personGrants(db: Db | Tx, personId: number, showErrors: boolean): Promise<PersonGrants> {
  const [person] = await db.execute<{ id: number; number: string; name: string; kind: string }>(
    sql`select id, number, name, kind from people where id = ${personId}`,
  );
  if (!person) throw notFound('person');
  const [dorm] = await db.execute<{
    id: number;
    starts_on: string;
    room_id: number;
    number: string;
    floor: number;
    building_id: number;
    code: string;
    name_zh: string;
    name_en: string;
  }>(sql`select a.id, a.starts_on::text, r.id as room_id, r.number, r.floor, b.id as building_id, b.code, b.name_zh, b.name_en
           from dorm_assignments a join rooms r on r.id = a.room_id join buildings b on b.id = r.building_id
          where a.person_id = ${personId} and a.ends_on is null`);
  const card = await usableCardOf(db, personId);
  return {
    person: { id: Number(person.id), number: person.number, name: person.name, kind: person.kind },
    card,
    dorm: dorm
      ? {
          assignmentId: Number(dorm.id),
          building: { id: Number(dorm.building_id), code: dorm.code, nameZh: dorm.name_zh, nameEn: dorm.name_en },
          room: { id: Number(dorm.room_id), number: dorm.number, floor: Number(dorm.floor) },
          startsOn: dorm.starts_on,
        }
      : null,
    items: await grantsOf(db, personId, showErrors),
  };
}
