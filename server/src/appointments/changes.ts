import { sql } from 'drizzle-orm';
import { appendAudit, lockSlot, passSeatOn, systemAuditSource, type AuditSource, type Db, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError, notFound } from '../common/problem.ts';
import { checkBookable, checkChangeable, insertAppointment, readSlot, slotFull, slotNotFound } from './booking-rules.ts';
import { readRules } from './rules.ts';

type LockedAppointment = {
  id: string;
  service_id: number;
  person_id: number;
  slot_start: string;
  status: string;
  check_in_code: string;
};

/** The holder's appointment, locked for the change; another person's does not exist for them. */
async function lockOwnAppointment(tx: Tx, id: string, personId: number): Promise<LockedAppointment> {
  const [row] = await tx.execute<LockedAppointment>(sql`
    select id, service_id, person_id, slot_start, status, check_in_code from appointments where id = ${id} and person_id = ${personId} for update`);
  if (!row) throw notFound('appointment');
  if (row.status !== 'booked') throw new AppError(409, 'appointment_not_booked', 'This appointment is no longer booked', `Its status is ${row.status}.`);
  return row;
}

export interface CancelOptions {
  now?: Date;
  source?: AuditSource;
}

export interface CancelledAppointment {
  id: string;
  serviceId: number;
  personId: number;
  slotStart: Date;
}

/**
 * Cancels appointments in the caller's transaction: each still booked or checked in becomes
 * `cancelled` with the reason, and its seat goes to the first person on the slot's waitlist (held
 * for them) or back to the slot. Audited and announced per appointment (no personal data in the
 * event). Used by the holder's cancel and by closures (the appt-flow slice). Returns those cancelled.
 */
export async function cancelAppointmentsInTx(tx: Tx, ids: readonly string[], reason: string, options: CancelOptions = {}): Promise<CancelledAppointment[]> {
  if (ids.length === 0) return [];
  const now = options.now ?? new Date();
  const rules = await readRules(tx);
  // Locked in one order (slot, then id) so two batches over the same rows never deadlock.
  const locked = await tx.execute<LockedAppointment>(sql`
    select id, service_id, person_id, slot_start, status, check_in_code from appointments
    where id = any(${`{${ids.join(',')}}`}::uuid[]) and status in ('booked', 'checked_in')
    order by service_id, slot_start, id for update`);
  const done: CancelledAppointment[] = [];
  for (const a of locked) {
    const slotStart = new Date(a.slot_start);
    await lockSlot(tx, a.service_id, slotStart);
    await tx.execute(sql`
      update appointments set status = 'cancelled', cancelled_at = ${now.toISOString()}, cancel_reason = ${reason}, updated_at = ${now.toISOString()}
      where id = ${a.id}`);
    const passed = await passSeatOn(tx, a.service_id, slotStart, now, rules.waitlistHoldMinutes);
    await appendAudit(tx, options.source ?? systemAuditSource, {
      action: 'appointment.cancelled',
      objectType: 'appointment',
      objectId: a.id,
      before: { status: a.status },
      after: { status: 'cancelled', reason, seatOfferedTo: passed.offeredEntryId },
    });
    await appendEvent(tx, 'appointment.cancelled', { serviceId: a.service_id, slotStart: slotStart.toISOString(), ...(await seatsOf(tx, a.service_id, slotStart)) });
    done.push({ id: a.id, serviceId: a.service_id, personId: a.person_id, slotStart });
  }
  return done;
}

async function seatsOf(tx: Tx, serviceId: number, start: Date): Promise<{ capacity: number; taken: number }> {
  const [row] = await tx.execute<{ capacity: number; taken: number }>(sql`
    select capacity, taken from appointment_slots where service_id = ${serviceId} and starts_at = ${start.toISOString()}`);
  return row ?? { capacity: 0, taken: 0 };
}

/** The holder cancels, until the cutoff. */
export async function cancelOwnAppointment(db: Db, source: AuditSource, id: string, personId: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockOwnAppointment(tx, id, personId);
    checkChangeable(new Date(row.slot_start), now, await readRules(tx));
    await cancelAppointmentsInTx(tx, [row.id], 'holder', { now, source });
  });
}

/**
 * Moves the holder's appointment to another slot of the same service, atomically: the new seat is
 * taken (conditionally, as a booking takes it) before the old one is freed, or nothing changes.
 * The old row becomes `cancelled` (reason `rescheduled`); the new row keeps the booking code and
 * the ticks and names the old one in rescheduled_from_id. Returns the new appointment's id.
 */
export async function rescheduleAppointment(db: Db, hallTz: string, source: AuditSource, id: string, personId: number, start: Date, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const old = await lockOwnAppointment(tx, id, personId);
    const rules = await readRules(tx);
    const oldStart = new Date(old.slot_start);
    if (oldStart.getTime() === start.getTime()) throw new AppError(409, 'same_slot', 'The appointment is already at this time');
    checkChangeable(oldStart, now, rules);
    checkBookable(start, now, hallTz, rules);
    const slot = await readSlot(tx, old.service_id, start);
    if (!slot) throw slotNotFound();
    // Both capacity rows, in start order: two reschedules crossing between the same slots queue, never deadlock.
    await tx.execute(sql`
      select 1 from appointment_slots where service_id = ${old.service_id} and starts_at = any(${`{${oldStart.toISOString()},${start.toISOString()}}`}::timestamptz[])
      order by starts_at for update`);
    const [seat] = await tx.execute<{ capacity: number; taken: number }>(sql`
      update appointment_slots set taken = taken + 1
      where service_id = ${old.service_id} and starts_at = ${start.toISOString()} and not withdrawn and taken < capacity
      returning capacity, taken`);
    if (!seat) throw slotFull();
    await tx.execute(sql`
      update appointments set status = 'cancelled', cancelled_at = ${now.toISOString()}, cancel_reason = 'rescheduled', updated_at = ${now.toISOString()}
      where id = ${old.id}`);
    const moved = await insertAppointment(tx, {
      personId,
      serviceId: old.service_id,
      slotStart: start,
      slotEnd: slot.endsAt,
      code: old.check_in_code,
      rescheduledFromId: old.id,
      now,
    });
    await tx.execute(sql`
      insert into appointment_material_ticks (appointment_id, material_id, ticked_at)
      select ${moved.id}, material_id, ticked_at from appointment_material_ticks where appointment_id = ${old.id}`);
    const passed = await passSeatOn(tx, old.service_id, oldStart, now, rules.waitlistHoldMinutes);
    await appendAudit(tx, source, {
      action: 'appointment.rescheduled',
      objectType: 'appointment',
      objectId: moved.id,
      before: { appointmentId: old.id, slotStart: oldStart.toISOString() },
      after: { slotStart: start.toISOString(), seatOfferedTo: passed.offeredEntryId },
    });
    await appendEvent(tx, 'appointment.rescheduled', {
      serviceId: old.service_id,
      slotStart: start.toISOString(),
      fromSlotStart: oldStart.toISOString(),
      capacity: seat.capacity,
      taken: seat.taken,
    });
    return moved.id;
  });
}
