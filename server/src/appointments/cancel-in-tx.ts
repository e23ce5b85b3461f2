import { sql } from 'drizzle-orm';
import { appendAudit, systemAuditSource, type Tx } from '@campus/db';

/**
 * TODO(appt-core): replaced by the booking slice's `cancelAppointmentsInTx` (seat freeing, waitlist
 * offers, outbox events) once h/appt-core is merged. This minimal version only cancels the
 * booked ones and gives their seats back, so a closure can be declared meanwhile.
 */
export async function cancelAppointmentsInTx(tx: Tx, ids: readonly string[], reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const cancelled = await tx.execute<{ id: string; service_id: number; slot_start: string }>(sql`
    update appointments set status = 'cancelled', cancelled_at = now(), cancel_reason = ${reason}, updated_at = now()
    where id in ${ids} and status = 'booked'
    returning id, service_id, slot_start`);
  for (const a of cancelled) {
    await tx.execute(sql`update appointment_slots set taken = greatest(taken - 1, 0) where service_id = ${a.service_id} and starts_at = ${a.slot_start}`);
  }
  await appendAudit(tx, systemAuditSource, cancelled.map((a) => ({ action: 'appointment.cancelled', objectType: 'appointment', objectId: a.id, after: { status: 'cancelled', reason } })));
  return cancelled.length;
}
