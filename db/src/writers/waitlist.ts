import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';

/**
 * A freed seat of a slot and its waitlist, written by the server (a cancellation) and the workers
 * (an offer that expired) alike. The seat invariant, at every commit:
 *   slot.taken = live appointments of the slot + waitlist entries `offered` for it.
 * The caller has locked the slot row (`lockSlot`), so offers of one slot are made one at a time.
 */

export interface SeatPassed {
  /** The waitlist entry now holding the seat, or null when the seat went back to the slot. */
  offeredEntryId: number | null;
}

/** Locks a slot's capacity row for the rest of the transaction. */
export async function lockSlot(tx: Tx, serviceId: number, slotStart: Date): Promise<boolean> {
  const rows = await tx.execute(sql`select 1 from appointment_slots where service_id = ${serviceId} and starts_at = ${slotStart.toISOString()} for update`);
  return rows.length > 0;
}

/**
 * One seat of the slot is no longer held by its appointment or offer: offer it to the first person
 * waiting (the seat stays taken, held for `holdMinutes`, and they get an in-app notification), or,
 * with nobody waiting, the slot withdrawn or already begun, give it back (`taken - 1`).
 */
export async function passSeatOn(tx: Tx, serviceId: number, slotStart: Date, now: Date, holdMinutes: number): Promise<SeatPassed> {
  const start = slotStart.toISOString();
  if (slotStart > now) {
    const [next] = await tx.execute<{ id: number; person_id: number; offer_expires_at: string }>(sql`
      update appointment_waitlist set status = 'offered', offered_at = ${now.toISOString()},
             offer_expires_at = ${now.toISOString()}::timestamptz + make_interval(mins => ${holdMinutes})
      where id = (select id from appointment_waitlist where service_id = ${serviceId} and slot_start = ${start} and status = 'waiting'
                    and exists (select 1 from appointment_slots where service_id = ${serviceId} and starts_at = ${start} and not withdrawn)
                  order by id limit 1 for update)
      returning id, person_id, offer_expires_at`);
    if (next) {
      await tx.execute(sql`
        insert into notifications (account_id, kind, payload)
        select a.id, 'appointment.waitlist_offer',
               jsonb_build_object('waitlistId', ${next.id}::int, 'serviceId', ${serviceId}::int, 'serviceNameZh', s.name_zh, 'serviceNameEn', s.name_en,
                                  'slotStart', ${start}::text, 'offerExpiresAt', to_json(${next.offer_expires_at}::timestamptz))
        from accounts a, services s where a.person_id = ${next.person_id} and s.id = ${serviceId}`);
      return { offeredEntryId: next.id };
    }
  }
  await tx.execute(sql`update appointment_slots set taken = taken - 1 where service_id = ${serviceId} and starts_at = ${start}`);
  return { offeredEntryId: null };
}
