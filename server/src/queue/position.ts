import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@campus/db';
import { appointmentDue } from './line-order.ts';

/** Finished tickets of a service whose handling time feeds its per-case estimate. */
const HISTORY = 20;

export interface Position {
  /** Tickets the windows able to serve this one will call before it. */
  ahead: number;
  estimatedWaitMinutes: number;
  /** Windows able to serve the ticket with a clerk's session open now (0: nobody is calling its line). */
  openWindows: number;
}

/**
 * The windows that may call a ticket (`me`): those serving its service, narrowed to the window it
 * was sent to or its named clerk's windows — the same filters call-next applies.
 */
const REACH = sql`
  reach as (
    select me.id as ticket_id, sw.window_id
    from me join service_windows sw on sw.service_id = me.service_id
    where (me.window_id is null or sw.window_id = me.window_id)
      and (me.assigned_account_id is null
           or exists (select 1 from clerk_windows cw where cw.account_id = me.assigned_account_id and cw.window_id = sw.window_id))
  )`;

/**
 * Every waiting ticket that one of those windows will call before `me`: any service the window
 * serves, in call-next's order (checked-in appointments once due, then priority, then arrival and number).
 */
const ahead = (now: Date) => sql`
  line as (
    select distinct r.ticket_id, sw.service_id from reach r join service_windows sw on sw.window_id = r.window_id
  ),
  ahead_by_service as (
    -- Per ticket and service of its line, how many are ahead: counted where they are found (only
    -- the columns the reach check needs), not carried as rows to a later GROUP BY.
    select me.id as ticket_id, l.service_id, count(*)::int as n
    from me join line l on l.ticket_id = me.id
    join lateral (
      -- Those of a class called first (appointments, then priority): few, from their own index.
      select o.id, o.service_id, o.window_id, o.assigned_account_id from tickets o
      where o.service_id = l.service_id and o.status = 'waiting' and o.hall_date = me.hall_date
        and (o.priority or o.channel = 'appointment' or o.window_id is not null or o.assigned_account_id is not null)
        and (${appointmentDue('o', now)}, o.priority) > (${appointmentDue('me', now)}, me.priority)
      union all
      -- Those of the same class that came earlier: an index range, as long as the line before me.
      select o.id, o.service_id, o.window_id, o.assigned_account_id from tickets o
      where o.service_id = l.service_id and o.status = 'waiting' and o.hall_date = me.hall_date
        and (o.queued_at, o.seq) < (me.queued_at, me.seq)
        and ${appointmentDue('o', now)} = ${appointmentDue('me', now)} and o.priority = me.priority
    ) o on o.id <> me.id
    -- A ticket free for any window of its service is in reach already (the line is those
    -- windows' services); only one sent to a window or a clerk needs the check.
    where (o.window_id is null and o.assigned_account_id is null) or exists (
      select 1 from reach r join service_windows sw on sw.window_id = r.window_id and sw.service_id = o.service_id
      where r.ticket_id = me.id
        and (o.window_id is null or o.window_id = r.window_id)
        and (o.assigned_account_id is null
             or exists (select 1 from clerk_windows cw where cw.account_id = o.assigned_account_id and cw.window_id = r.window_id)))
    group by me.id, l.service_id
  )`;

/**
 * Place in line and estimated wait of each ticket, in one query.
 *
 * - `ahead` counts the tickets that the windows able to serve this ticket will call before it,
 *   across every service those windows serve. Priority tickets count as ahead of normal ones, as
 *   call-next orders them (its fairness rule may let a normal ticket go sooner, so the figure errs
 *   on the long side, never the short one).
 * - the estimate is the expected handling time of those tickets — each by its own service's rolling
 *   median (the catalogue's minutes before there is history) — shared among the windows able to
 *   serve this ticket that are open now (at least one). A later ticket of the same line has every
 *   ticket ahead of an earlier one ahead of it too, so it never shows a shorter wait.
 */
export async function positionsOf(db: Db | Tx, ticketIds: readonly string[], now: Date): Promise<Map<string, Position>> {
  const result = new Map<string, Position>();
  if (ticketIds.length === 0) return result;
  const rows = await db.execute<{ id: string; status: string; ahead: number; work_minutes: number; staffed: number }>(positionSql(ticketIds, now));
  for (const row of rows) {
    result.set(
      row.id,
      row.status === 'waiting'
        ? { ahead: row.ahead, estimatedWaitMinutes: estimateMinutes(row.work_minutes, row.staffed), openWindows: row.staffed }
        : { ahead: 0, estimatedWaitMinutes: 0, openWindows: row.staffed },
    );
  }
  return result;
}

/** The query of positionsOf (exported for EXPLAIN). */
export function positionSql(ticketIds: readonly string[], now: Date): SQL {
  return sql`
    with me as (select * from tickets where id in (${sql.join(ticketIds.map((id) => sql`${id}::uuid`), sql`, `)})),
    ${REACH},
    ${ahead(now)},
    -- Each service's expected minutes once, not once per ticket ahead.
    per_case as materialized (
      select s.id as service_id,
        coalesce((select percentile_cont(0.5) within group (order by extract(epoch from h.finished_at - h.started_at)) / 60
                  from (select finished_at, started_at from tickets
                        where service_id = s.id and started_at is not null and finished_at is not null
                          and status in ('done', 'materials_missing', 'referred')
                        order by finished_at desc nulls last limit ${HISTORY}) h),
                 s.handling_minutes) as minutes
      from services s where s.id in (select distinct service_id from ahead_by_service)
    )
    select me.id, me.status::text as status,
      (select coalesce(sum(a.n), 0)::int from ahead_by_service a where a.ticket_id = me.id) as ahead,
      (select coalesce(sum(a.n * p.minutes), 0)::float8 from ahead_by_service a join per_case p on p.service_id = a.service_id where a.ticket_id = me.id) as work_minutes,
      (select count(distinct r.window_id)::int from reach r join window_sessions ws on ws.window_id = r.window_id and ws.status = 'open'
        where r.ticket_id = me.id) as staffed
    from me`;
}

export async function positionOf(db: Db | Tx, ticketId: string, now: Date): Promise<Position | null> {
  return (await positionsOf(db, [ticketId], now)).get(ticketId) ?? null;
}

/** Minutes of work ahead shared among the open windows (at least one: a closed line still has an order). */
function estimateMinutes(workMinutes: number, staffedWindows: number): number {
  return Math.ceil(workMinutes / Math.max(1, staffedWindows) - 1e-9);
}

/**
 * The waiting tickets of the line a change to `serviceId` moves (every service sharing a window
 * with it) that can be among the first `places` of it: each service's
 * first `places` plain tickets by arrival (each has at least that many ahead of every later one,
 * whatever window calls it) and every special one (appointment, priority, sent to a window or
 * clerk). A superset of those `positionsOf` puts within `places`, read from two indexes.
 */
export function frontOfLineSharingWindowsWith(serviceId: number, hallDay: string, places: number): SQL {
  const line = sql`select distinct sw2.service_id from service_windows sw1 join service_windows sw2 on sw2.window_id = sw1.window_id
    where sw1.service_id = ${serviceId}`;
  return sql`select c.id from (${line}) l, lateral (
      select t.id from tickets t
      where t.service_id = l.service_id and t.status = 'waiting' and t.hall_date = ${hallDay}
        and not t.priority and t.channel <> 'appointment' and t.window_id is null and t.assigned_account_id is null
      order by t.queued_at, t.seq limit ${places}) c
    union all
    select t.id from tickets t
    where t.service_id in (${line}) and t.status = 'waiting' and t.hall_date = ${hallDay}
      and (t.priority or t.channel = 'appointment' or t.window_id is not null or t.assigned_account_id is not null)`;
}
