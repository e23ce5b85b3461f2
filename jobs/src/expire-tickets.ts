import { sql } from 'drizzle-orm';
import { appendAudit, appendHallEvents, recordTicketEvents, servicesStillOpenToday, systemAuditSource, type Db } from '@campus/db';

/**
 * Closes the day's line: tickets still waiting (or parked) are expired once their service has no
 * more opening today — no window within its hours now or later today, no clerk's session open —
 * and any left from an earlier day are expired outright. Each expiry is a recorded transition,
 * and an event for the board goes to the outbox.
 */
export async function expireStaleTickets(db: Db, hallTz: string): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await expireBatch(db, hallTz);
    total += expired;
    if (expired < BATCH) return total;
  }
}

/**
 * Tickets per transaction. At its commit each of a transaction's events takes its place under the
 * event-order lock, and every issue and call in the hall waits for it meanwhile: a line of
 * thousands expired in one transaction would hold the hall still.
 */
const BATCH = 200;

async function expireBatch(db: Db, hallTz: string): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx.execute<{ id: string; number: string; service_id: number; status: 'waiting' | 'parked' }>(sql`
      with stale as (
        select t.id, t.status from tickets t
        where t.status in ('waiting', 'parked')
          and (t.hall_date < (now() at time zone ${hallTz})::date or t.service_id not in ${servicesStillOpenToday(hallTz)})
        limit ${BATCH}
        -- A ticket a clerk is acting on right now is left for the next batch or sweep.
        for update of t skip locked
      )
      update tickets t set status = 'expired', finished_at = now(), updated_at = now()
      from stale
      where t.id = stale.id
      returning t.id, t.number, t.service_id, stale.status::text as status`);
    if (expired.length === 0) return 0;
    // Each transition from the status the ticket really had (waiting or parked).
    await recordTicketEvents(
      tx,
      expired.map((e) => ({ ticketId: e.id, type: 'expired', fromStatus: e.status, toStatus: 'expired' as const, reason: 'closing time' })),
    );
    await appendAudit(
      tx,
      systemAuditSource,
      expired.map((e) => ({ action: 'ticket.expired', objectType: 'ticket', objectId: e.id, after: { status: 'expired' } })),
    );
    await appendHallEvents(
      tx,
      'ticket.expired',
      expired.map((e) => ({ payload: { ticketId: e.id, number: e.number, serviceId: e.service_id }, countFamilyOf: e.service_id })),
    );
    return expired.length;
  });
}
