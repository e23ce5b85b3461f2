import { sql } from 'drizzle-orm';
import { waitingInFamily, type Db } from '@campus/db';

/** Must match the server's outbox ordering lock (server/src/events/hall-events.ts). */
const EVENT_ORDER_LOCK = 727_020;

/**
 * Closes the day's line: tickets still waiting (or parked) are expired once their service has no
 * more opening today — no window within its hours now or later today, no clerk's session open —
 * and any left from an earlier day are expired outright. Each expiry is a recorded transition,
 * and an event for the board goes to the outbox.
 */
export async function expireStaleTickets(db: Db, hallTz: string): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx.execute<{ id: string; number: string; service_id: number; status: string }>(sql`
      with clock as (
        select (now() at time zone ${hallTz})::date as today,
               (now() at time zone ${hallTz})::time as time_now,
               extract(isodow from now() at time zone ${hallTz})::int as weekday
      ),
      still_open as (
        select distinct sw.service_id from service_windows sw, clock c
        -- A clerk on a break (paused) is coming back: the line stays.
        where exists (select 1 from window_sessions ws where ws.window_id = sw.window_id and ws.status <> 'closed')
           or (exists (select 1 from window_hours h join windows w on w.id = h.window_id
                       where h.window_id = sw.window_id and w.status = 'active' and h.weekday = c.weekday and h.closes > c.time_now
                         and (h.valid_from is null or h.valid_from <= c.today) and (h.valid_to is null or h.valid_to >= c.today))
               and not exists (select 1 from window_closures wc
                       where (wc.window_id is null or wc.window_id = sw.window_id) and c.today between wc.starts_on and wc.ends_on))
      ),
      stale as (
        select t.id, t.status from tickets t, clock c
        where t.status in ('waiting', 'parked')
          and (t.hall_date < c.today or t.service_id not in (select service_id from still_open))
        for update of t
      )
      update tickets t set status = 'expired', finished_at = now(), updated_at = now()
      from stale
      where t.id = stale.id
      returning t.id, t.number, t.service_id, stale.status::text as status`);
    if (expired.length === 0) return 0;
    // Each transition from the status the ticket really had (waiting or parked).
    await tx.execute(sql`insert into ticket_events (ticket_id, type, from_status, to_status, reason)
      select x.id, 'expired', x.status::ticket_status, 'expired', 'closing time'
      from jsonb_to_recordset(${JSON.stringify(expired.map((e) => ({ id: e.id, status: e.status })))}::jsonb) as x(id uuid, status text)`);
    await tx.execute(sql`insert into audit_log (actor_role, action, object_type, object_id, after)
      select 'system', 'ticket.expired', 'ticket', x.id::text, '{"status":"expired"}'::jsonb
      from jsonb_to_recordset(${JSON.stringify(expired.map((e) => ({ id: e.id })))}::jsonb) as x(id uuid)`);
    await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
    // After the lock, so each event's family count is exact.
    for (const e of expired) {
      await tx.execute(sql`insert into hall_events (type, payload)
        select 'ticket.expired', jsonb_build_object('ticketId', ${e.id}::text, 'number', ${e.number}::text, 'serviceId', s.id,
          'familyCode', s.family_code,
          'familyWaiting', ${waitingInFamily(sql`s.family_code`)})
        from services s where s.id = ${e.service_id}`);
    }
    return expired.length;
  });
}
