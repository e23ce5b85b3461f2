import { sql } from 'drizzle-orm';
import { appendAudit, passSeatOn, type AuditSource, type Db, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError, notFound } from '../common/problem.ts';
import { alreadyBooked, checkBookable, insertAppointment, lockPersonWithinLimits, readSlot, refuseIfSuspended, slotNotFound } from './booking-rules.ts';
import { requireBookableService } from './booking.ts';
import { readRules } from './rules.ts';

/**
 * The waitlist of a full slot. A cancellation offers the freed seat to the first `waiting` entry
 * (db writers' passSeatOn, in the cancelling transaction); the seat stays taken, held for the
 * offer, until it is accepted (it becomes the appointment), left, or expires (the workers'
 * `appointments.offers.expire` passes it to the next one).
 */

export async function joinWaitlist(db: Db, hallTz: string, source: AuditSource, personId: number, serviceId: number, start: Date, now: Date): Promise<number> {
  await requireBookableService(db, serviceId);
  return db.transaction(async (tx) => {
    const rules = await readRules(tx);
    checkBookable(start, now, hallTz, rules);
    const slot = await readSlot(tx, serviceId, start);
    if (!slot) throw slotNotFound();
    if (slot.taken < slot.capacity) throw new AppError(409, 'slot_not_full', 'This slot still has seats', 'Book it directly.');
    await refuseIfSuspended(tx, personId, now, hallTz);
    const [live] = await tx.execute<{ id: string }>(sql`
      select id from appointments where person_id = ${personId} and service_id = ${serviceId} and status in ('booked', 'checked_in')`);
    if (live) throw alreadyBooked(live.id);
    const [entry] = await tx.execute<{ id: number }>(sql`
      insert into appointment_waitlist (service_id, slot_start, person_id, status, created_at)
      values (${serviceId}, ${start.toISOString()}, ${personId}, 'waiting', ${now.toISOString()})
      on conflict (person_id, service_id, slot_start) where status in ('waiting', 'offered') do nothing
      returning id`);
    if (!entry) throw new AppError(409, 'already_waiting', 'You are already on this slot’s waitlist');
    await appendAudit(tx, source, { action: 'appointment.waitlist_joined', objectType: 'appointment_waitlist', objectId: entry.id, after: { serviceId, slotStart: start.toISOString() } });
    return entry.id;
  });
}

type LockedEntry = {
  id: number;
  service_id: number;
  slot_start: string;
  status: string;
  offer_expires_at: string | null;
};

async function lockOwnEntry(tx: Tx, id: number, personId: number): Promise<LockedEntry> {
  const [entry] = await tx.execute<LockedEntry>(sql`
    select id, service_id, slot_start, status, offer_expires_at from appointment_waitlist where id = ${id} and person_id = ${personId} for update`);
  if (!entry) throw notFound('waitlist_entry');
  return entry;
}

/** Leaves the waitlist; a held offer is passed on at once. */
export async function leaveWaitlist(db: Db, source: AuditSource, personId: number, id: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const entry = await lockOwnEntry(tx, id, personId);
    if (entry.status !== 'waiting' && entry.status !== 'offered') throw new AppError(409, 'waitlist_entry_closed', 'This waitlist entry is no longer open', `Its status is ${entry.status}.`);
    await tx.execute(sql`update appointment_waitlist set status = 'left' where id = ${id}`);
    let offeredTo: number | null = null;
    if (entry.status === 'offered') {
      const rules = await readRules(tx);
      await tx.execute(sql`select 1 from appointment_slots where service_id = ${entry.service_id} and starts_at = ${entry.slot_start} for update`);
      offeredTo = (await passSeatOn(tx, entry.service_id, new Date(entry.slot_start), now, rules.waitlistHoldMinutes)).offeredEntryId;
    }
    await appendAudit(tx, source, { action: 'appointment.waitlist_left', objectType: 'appointment_waitlist', objectId: id, before: { status: entry.status }, after: { seatOfferedTo: offeredTo } });
  });
}

/** Takes the seat held for an offer: it becomes the person's appointment (the slot's `taken` already counts it). */
export async function acceptOffer(db: Db, hallTz: string, source: AuditSource, personId: number, id: number, now: Date): Promise<{ id: string; code: string }> {
  return db.transaction(async (tx) => {
    const entry = await lockOwnEntry(tx, id, personId);
    if (entry.status !== 'offered') throw new AppError(409, 'no_offer', 'No seat is offered to this waitlist entry', `Its status is ${entry.status}.`);
    if (!entry.offer_expires_at || new Date(entry.offer_expires_at) <= now) {
      throw new AppError(409, 'offer_expired', 'The offer has expired', 'The seat was held for a limited time and goes to the next in line.');
    }
    const rules = await readRules(tx);
    const serviceId = entry.service_id;
    const slotStart = new Date(entry.slot_start);
    const slot = await readSlot(tx, serviceId, slotStart);
    if (!slot) throw slotNotFound();
    await refuseIfSuspended(tx, personId, now, hallTz);
    await lockPersonWithinLimits(tx, personId, serviceId, rules);
    const booked = await insertAppointment(tx, { personId, serviceId, slotStart, slotEnd: slot.endsAt, now });
    await tx.execute(sql`update appointment_waitlist set status = 'booked', appointment_id = ${booked.id} where id = ${id}`);
    await appendAudit(tx, source, {
      action: 'appointment.booked',
      objectType: 'appointment',
      objectId: booked.id,
      after: { serviceId, slotStart: slotStart.toISOString(), code: booked.code, fromWaitlist: id },
    });
    await appendEvent(tx, 'appointment.booked', { serviceId, slotStart: slotStart.toISOString(), capacity: slot.capacity, taken: slot.taken });
    return booked;
  });
}
