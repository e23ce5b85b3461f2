import { sql } from 'drizzle-orm';
import { passSeatOn, type Db } from '@campus/db';

export interface OffersExpired {
  /** Offers whose hold ran out. */
  expired: number;
  /** Of their seats, how many went to the next person waiting (the rest went back to the slot). */
  passedOn: number;
}

/**
 * A waitlist offer not accepted within the hold (appointment_rules.waitlist_hold_minutes) expires;
 * its held seat goes to the next person waiting, with their own notification and hold, or back to
 * the slot. One short transaction per offer, its rows taken with SKIP LOCKED so two workers (or a
 * holder accepting at that moment) never fight over one. The seat invariant holds at each commit.
 */
export async function expireWaitlistOffers(db: Db, now: Date = new Date(), batch = 200): Promise<OffersExpired> {
  const result: OffersExpired = { expired: 0, passedOn: 0 };
  for (let i = 0; i < batch; i++) {
    const done = await db.transaction(async (tx) => {
      const [offer] = await tx.execute<{ id: number; service_id: number; slot_start: string; hold: number }>(sql`
        select w.id, w.service_id, w.slot_start, r.waitlist_hold_minutes as hold
        from appointment_waitlist w, appointment_rules r
        where w.status = 'offered' and w.offer_expires_at <= ${now.toISOString()} and r.id = 1
        order by w.offer_expires_at limit 1 for update of w skip locked`);
      if (!offer) return null;
      await tx.execute(sql`update appointment_waitlist set status = 'expired' where id = ${offer.id}`);
      await tx.execute(sql`select 1 from appointment_slots where service_id = ${offer.service_id} and starts_at = ${offer.slot_start} for update`);
      return passSeatOn(tx, offer.service_id, new Date(offer.slot_start), now, offer.hold);
    });
    if (!done) break;
    result.expired += 1;
    if (done.offeredEntryId !== null) result.passedOn += 1;
  }
  return result;
}
