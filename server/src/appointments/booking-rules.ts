import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Tx } from '@campus/db';
import { AppError } from '../common/problem.ts';
import type { AppointmentRules } from './rules.ts';

/** The checks every booking path shares: when a slot may be booked, suspensions, the person's limits. */

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or typed at a kiosk is not misread. */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export function newBookingCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The last hall-local date that may be booked (today + horizon_days). */
export function horizonEnd(hallTz: string, now: Date, rules: Pick<AppointmentRules, 'horizonDays'>): string {
  return DateTime.fromJSDate(now).setZone(hallTz).plus({ days: rules.horizonDays }).toISODate()!;
}

/** The earliest slot start that may still be booked. */
export function earliestStart(now: Date, rules: Pick<AppointmentRules, 'minLeadMinutes'>): Date {
  return new Date(now.getTime() + rules.minLeadMinutes * 60_000);
}

/** Refuses a start too soon (or past) or beyond the booking horizon, in the hall's zone. */
export function checkBookable(start: Date, now: Date, hallTz: string, rules: AppointmentRules): void {
  if (start < earliestStart(now, rules)) {
    throw new AppError(409, 'too_soon', 'This slot starts too soon to be booked', `Slots can be booked until ${rules.minLeadMinutes} minutes before they start.`);
  }
  const day = DateTime.fromJSDate(start).setZone(hallTz).toISODate()!;
  if (day > horizonEnd(hallTz, now, rules)) {
    throw new AppError(409, 'outside_horizon', 'This slot is beyond the booking horizon', `Slots can be booked up to ${rules.horizonDays} days ahead.`);
  }
}

/** When cancelling or rescheduling an appointment closes. */
export function changeableUntil(slotStart: Date, rules: Pick<AppointmentRules, 'cancelCutoffMinutes'>): Date {
  return new Date(slotStart.getTime() - rules.cancelCutoffMinutes * 60_000);
}

export function checkChangeable(slotStart: Date, now: Date, rules: AppointmentRules): void {
  if (now > changeableUntil(slotStart, rules)) {
    throw new AppError(409, 'cancel_cutoff_passed', 'It is too late to change this appointment', `Appointments can be cancelled or moved until ${rules.cancelCutoffMinutes} minutes before they start.`);
  }
}

export interface ActiveSuspension {
  endsAt: Date;
  reasonZh: string;
  reasonEn: string;
}

/** The person's booking suspension in force now, if any (created by the no-show rule, lifted by a clerk). */
export async function activeSuspension(db: Db | Tx, personId: number, now: Date): Promise<ActiveSuspension | null> {
  const [row] = await db.execute<{ ends_at: string; reason_zh: string; reason_en: string }>(sql`
    select ends_at, reason_zh, reason_en from booking_suspensions
    where person_id = ${personId} and lifted_at is null and ends_at > ${now.toISOString()}
    order by ends_at desc limit 1`);
  return row ? { endsAt: new Date(row.ends_at), reasonZh: row.reason_zh, reasonEn: row.reason_en } : null;
}

export async function refuseIfSuspended(tx: Tx, personId: number, now: Date, hallTz: string): Promise<void> {
  const s = await activeSuspension(tx, personId, now);
  if (s) throw suspended(s, hallTz);
}

/** `booking_suspended`, with the end in hall time and the reason. */
export function suspended(s: ActiveSuspension, hallTz: string): AppError {
  const until = DateTime.fromJSDate(s.endsAt).setZone(hallTz).toISO({ suppressMilliseconds: true })!;
  return new AppError(409, 'booking_suspended', 'Booking is suspended for you', `${s.reasonEn} Booking works again from ${until}.`, undefined, {
    until,
    reasonZh: s.reasonZh,
    reasonEn: s.reasonEn,
  });
}

export const tooManyAppointments = (max: number) =>
  new AppError(409, 'too_many_appointments', 'You have as many appointments as allowed', `At most ${max} appointments may be booked at a time.`);

/**
 * Locks the person's row (bookings of one person queue on it, so the limits below cannot be
 * overrun by two requests at once) and refuses a second live appointment of the service or one
 * more than max_active_per_person.
 */
export async function lockPersonWithinLimits(tx: Tx, personId: number, serviceId: number, rules: AppointmentRules): Promise<void> {
  await tx.execute(sql`select id from people where id = ${personId} for update`);
  const live = await tx.execute<{ id: string; service_id: number }>(sql`
    select id, service_id from appointments where person_id = ${personId} and status in ('booked', 'checked_in')`);
  const same = live.find((a) => a.service_id === serviceId);
  if (same) throw alreadyBooked(same.id);
  if (live.length >= rules.maxActivePerPerson) throw tooManyAppointments(rules.maxActivePerPerson);
}

export const alreadyBooked = (appointmentId?: string) =>
  new AppError(409, 'already_booked', 'You already have an appointment for this service', 'Cancel or move that one instead.', undefined, appointmentId ? { appointmentId } : undefined);

export const slotFull = () => new AppError(409, 'slot_full', 'This slot is fully booked', 'Pick another time, or join its waitlist.');
export const slotNotFound = () => new AppError(404, 'slot_not_found', 'There is no bookable slot of this service at this time');

/** The slot row (not locked): its end, whether it is still offered and its seats. */
export async function readSlot(db: Db | Tx, serviceId: number, start: Date) {
  const [slot] = await db.execute<{ ends_at: string; withdrawn: boolean; capacity: number; taken: number }>(sql`
    select ends_at, withdrawn, capacity, taken from appointment_slots where service_id = ${serviceId} and starts_at = ${start.toISOString()}`);
  return slot && !slot.withdrawn ? { endsAt: new Date(slot.ends_at), capacity: slot.capacity, taken: slot.taken } : null;
}

/**
 * Inserts the appointment row with a fresh booking code. A code already live elsewhere is skipped
 * by ON CONFLICT on the code index (no savepoint, no aborted transaction) and another is drawn;
 * a second live appointment of the service is the one-live index's violation: `already_booked`.
 */
export async function insertAppointment(
  tx: Tx,
  row: { personId: number; serviceId: number; slotStart: Date; slotEnd: Date; code?: string; rescheduledFromId?: string; now: Date },
): Promise<{ id: string; code: string }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = row.code ?? newBookingCode();
    try {
      const [inserted] = await tx.execute<{ id: string }>(sql`
        insert into appointments (service_id, person_id, slot_start, slot_end, status, check_in_code, rescheduled_from_id, created_at, updated_at)
        values (${row.serviceId}, ${row.personId}, ${row.slotStart.toISOString()}, ${row.slotEnd.toISOString()}, 'booked', ${code},
                ${row.rescheduledFromId ?? null}, ${row.now.toISOString()}, ${row.now.toISOString()})
        on conflict (check_in_code) where status in ('booked', 'checked_in') do nothing
        returning id`);
      if (inserted) return { id: inserted.id, code };
    } catch (err) {
      const e = err as { cause?: { code?: string; constraint_name?: string }; code?: string; constraint_name?: string };
      const constraint = e.constraint_name ?? e.cause?.constraint_name;
      if (constraint === 'appointments_one_live_idx') throw alreadyBooked();
      throw err;
    }
    if (row.code) throw new Error(`booking code ${row.code} is live on another appointment`);
  }
  throw new Error('no free booking code after 8 draws');
}
