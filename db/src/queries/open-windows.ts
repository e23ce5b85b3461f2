import { and, asc, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { windowClosures, windowHours, windowSessions } from '../schema/index.ts';

/**
 * What decides whether a window is open: its weekly hours (with their validity dates), the dated
 * closures of the window or the whole hall, and a clerk's session. The server reads them to show
 * and check "open now"; the workers ask which services will still open today.
 */

/** The rules of the listed windows, for hall-local dates `today` to `horizon` (ISO dates). */
export async function readOpeningRules(db: Db | Tx, windowIds: number[], today: string, horizon: string) {
  const [hours, closures, sessions] = await Promise.all([
    db
      .select()
      .from(windowHours)
      .where(inArray(windowHours.windowId, windowIds))
      .orderBy(asc(windowHours.weekday), asc(windowHours.opens)),
    db
      .select()
      .from(windowClosures)
      .where(
        and(
          or(isNull(windowClosures.windowId), inArray(windowClosures.windowId, windowIds)),
          lte(windowClosures.startsOn, horizon),
          gte(windowClosures.endsOn, today),
        ),
      ),
    db
      .select({ windowId: windowSessions.windowId, status: windowSessions.status })
      .from(windowSessions)
      .where(and(inArray(windowSessions.windowId, windowIds), ne(windowSessions.status, 'closed'))),
  ]);
  return { hours, closures, sessions };
}

/**
 * The ids of services some window will still serve today, in the hall's zone: a window within its
 * hours now or later today (active, not closed for the day), or with a clerk's session not closed —
 * a clerk on a break (paused) is coming back. An SQL subquery, to be used inside a statement.
 */
export const servicesStillOpenToday = (hallTz: string) => sql`(
  with clock as (
    select (now() at time zone ${hallTz})::date as today,
           (now() at time zone ${hallTz})::time as time_now,
           extract(isodow from now() at time zone ${hallTz})::int as weekday
  )
  select distinct sw.service_id from service_windows sw, clock c
  where exists (select 1 from window_sessions ws where ws.window_id = sw.window_id and ws.status <> 'closed')
     or (exists (select 1 from window_hours h join windows w on w.id = h.window_id
                 where h.window_id = sw.window_id and w.status = 'active' and h.weekday = c.weekday and h.closes > c.time_now
                   and (h.valid_from is null or h.valid_from <= c.today) and (h.valid_to is null or h.valid_to >= c.today))
         and not exists (select 1 from window_closures wc
                 where (wc.window_id is null or wc.window_id = sw.window_id) and c.today between wc.starts_on and wc.ends_on))
)`;
