import { sql } from 'drizzle-orm';
import { auditInsertSql, type AuditSource, type Db } from '@campus/db';
import { eventInsertSql } from '../events/hall-events.ts';
import { notFound } from '../common/problem.ts';
import { alreadyBooked, checkBookable, newBookingCode, slotFull, slotNotFound, suspended, tooManyAppointments } from './booking-rules.ts';
import { readRules } from './rules.ts';

export interface BookRequest {
  personId: number;
  serviceId: number;
  start: Date;
  now: Date;
}

export interface Booked {
  id: string;
  code: string;
}

/** A service that takes bookings, or 404. */
export async function requireBookableService(db: Db, serviceId: number): Promise<void> {
  const [row] = await db.execute(sql`select 1 from services where id = ${serviceId} and appointment_enabled and active`);
  if (!row) throw notFound('service', `No service taking appointments has id ${serviceId}`);
}

/** What one read says of a booking before any lock: enough to answer most refusals of a storm. */
type Precheck = {
  bookable: boolean;
  ends_at: string | null;
  withdrawn: boolean | null;
  capacity: number | null;
  taken: number | null;
  suspended_until: string | null;
  suspended_zh: string | null;
  suspended_en: string | null;
  same_id: string | null;
  live: number;
};

/**
 * Books a seat. One read first, without a lock, answers what most of a storm's requests are told
 * (the service, the slot, a full slot, a suspension, the person's limits). Then one transaction:
 * the person's row is locked (a person's bookings queue on it, so the limits cannot be overrun by
 * two requests at once), and one statement takes the seat by the conditional update of the slot's
 * capacity row (`taken < capacity`: the database refuses an overbooking however many race),
 * rechecks the limits under the lock, and writes the appointment, its audit row and its event.
 * The hot slot row is so locked for the rest of that statement and the commit only, never across
 * a round trip to this process.
 */
export async function bookAppointment(db: Db, hallTz: string, source: AuditSource, req: BookRequest): Promise<Booked> {
  const rules = await readRules(db);
  checkBookable(req.start, req.now, hallTz, rules);
  const start = req.start.toISOString();
  const [pre] = await db.execute<Precheck>(sql`
    select exists (select 1 from services where id = ${req.serviceId} and appointment_enabled and active) as bookable,
      sl.ends_at, sl.withdrawn, sl.capacity, sl.taken,
      su.ends_at as suspended_until, su.reason_zh as suspended_zh, su.reason_en as suspended_en,
      (select a.id from appointments a where a.person_id = ${req.personId} and a.service_id = ${req.serviceId} and a.status in ('booked', 'checked_in') limit 1) as same_id,
      (select count(*)::int from appointments a where a.person_id = ${req.personId} and a.status in ('booked', 'checked_in')) as live
    from (select 1) one
    left join appointment_slots sl on sl.service_id = ${req.serviceId} and sl.starts_at = ${start}::timestamptz
    left join lateral (
      select ends_at, reason_zh, reason_en from booking_suspensions
      where person_id = ${req.personId} and lifted_at is null and ends_at > ${req.now.toISOString()}::timestamptz
      order by ends_at desc limit 1) su on true`);
  if (!pre!.bookable) throw notFound('service', `No service taking appointments has id ${req.serviceId}`);
  if (pre!.ends_at === null || pre!.withdrawn) throw slotNotFound();
  if (pre!.suspended_until) {
    throw suspended({ endsAt: new Date(pre!.suspended_until), reasonZh: pre!.suspended_zh!, reasonEn: pre!.suspended_en! }, hallTz);
  }
  if (pre!.same_id) throw alreadyBooked(pre!.same_id);
  if (pre!.live >= rules.maxActivePerPerson) throw tooManyAppointments(rules.maxActivePerPerson);
  if (pre!.taken! >= pre!.capacity!) throw slotFull();

  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newBookingCode();
    const outcome = await db.transaction(async (tx) => {
      await tx.execute(sql`select id from people where id = ${req.personId} for update`);
      const [row] = await tx.execute<{ same: number; live: number; taken: number | null; capacity: number | null; id: string | null }>(sql`
        with live as (
          select count(*) filter (where service_id = ${req.serviceId})::int as same, count(*)::int as live
          from appointments where person_id = ${req.personId} and status in ('booked', 'checked_in')
        ),
        seat as (
          update appointment_slots set taken = taken + 1
          where service_id = ${req.serviceId} and starts_at = ${start}::timestamptz and not withdrawn and taken < capacity
            and (select same from live) = 0 and (select live from live) < ${rules.maxActivePerPerson}
          returning ends_at, capacity, taken
        ),
        made as (
          insert into appointments (service_id, person_id, slot_start, slot_end, status, check_in_code, created_at, updated_at)
          select ${req.serviceId}, ${req.personId}, ${start}::timestamptz, seat.ends_at, 'booked', ${code}, ${req.now.toISOString()}::timestamptz, ${req.now.toISOString()}::timestamptz
          from seat
          on conflict (check_in_code) where status in ('booked', 'checked_in') do nothing
          returning id
        ),
        audit as (${auditInsertSql(
          source,
          { action: 'appointment.booked', objectType: 'appointment', after: { serviceId: req.serviceId, slotStart: start, code } },
          sql`made`,
          sql`made.id`,
          sql`'{}'::jsonb`,
        )}),
        event as (${eventInsertSql('appointment.booked', { serviceId: req.serviceId, slotStart: start }, sql`made, seat`, { capacity: sql`seat.capacity`, taken: sql`seat.taken` })})
        select live.same, live.live, (select taken from seat) as taken, (select capacity from seat) as capacity, (select id from made) as id from live`);
      if (row!.same > 0) throw alreadyBooked();
      if (row!.live >= rules.maxActivePerPerson) throw tooManyAppointments(rules.maxActivePerPerson);
      if (row!.taken === null) throw slotFull();
      // The seat was taken but the code is live on another appointment: undo it all and draw again.
      if (row!.id === null) throw CODE_TAKEN;
      return { id: row!.id, code };
    }).catch((err: unknown) => {
      if (err === CODE_TAKEN) return null;
      // Another path (a reschedule, a waitlist seat) gave the person one meanwhile.
      const e = err as { constraint_name?: string; cause?: { constraint_name?: string } };
      if ((e.constraint_name ?? e.cause?.constraint_name) === 'appointments_one_live_idx') throw alreadyBooked();
      throw err;
    });
    if (outcome) return outcome;
  }
  throw new Error('no free booking code after 8 draws');
}

const CODE_TAKEN = new Error('booking code live elsewhere');
