import { sql } from 'drizzle-orm';
import { appendAudit, type AuditSource, type Db } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { notFound } from '../common/problem.ts';
import { checkBookable, insertAppointment, lockPersonWithinLimits, readSlot, refuseIfSuspended, slotFull, slotNotFound } from './booking-rules.ts';
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

/**
 * Books a seat in one transaction. The seat is taken by the conditional update of the slot's
 * capacity row (`taken < capacity`), so the database refuses an overbooking however many requests
 * race; it comes last so the hot slot row is locked only for the event and the commit.
 */
export async function bookAppointment(db: Db, hallTz: string, source: AuditSource, req: BookRequest): Promise<Booked> {
  await requireBookableService(db, req.serviceId);
  return db.transaction(async (tx) => {
    const rules = await readRules(tx);
    checkBookable(req.start, req.now, hallTz, rules);
    const slot = await readSlot(tx, req.serviceId, req.start);
    if (!slot) throw slotNotFound();
    // Early answer for a storm on a full slot (the conditional update below still decides).
    if (slot.taken >= slot.capacity) throw slotFull();
    await refuseIfSuspended(tx, req.personId, req.now, hallTz);
    await lockPersonWithinLimits(tx, req.personId, req.serviceId, rules);
    const booked = await insertAppointment(tx, { ...req, slotStart: req.start, slotEnd: slot.endsAt });
    await appendAudit(tx, source, {
      action: 'appointment.booked',
      objectType: 'appointment',
      objectId: booked.id,
      after: { serviceId: req.serviceId, slotStart: req.start.toISOString(), code: booked.code },
    });
    const [seat] = await tx.execute<{ capacity: number; taken: number }>(sql`
      update appointment_slots set taken = taken + 1
      where service_id = ${req.serviceId} and starts_at = ${req.start.toISOString()} and not withdrawn and taken < capacity
      returning capacity, taken`);
    if (!seat) throw slotFull();
    await appendEvent(tx, 'appointment.booked', { serviceId: req.serviceId, slotStart: req.start.toISOString(), capacity: seat.capacity, taken: seat.taken });
    return booked;
  });
}
