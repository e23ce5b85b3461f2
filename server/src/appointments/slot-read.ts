import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@campus/db';
import { AppError } from '../common/problem.ts';
import { earliestStart, horizonEnd } from './booking-rules.ts';
import { requireBookableService } from './booking.ts';
import { readRules } from './rules.ts';
import { hallIso } from './views.ts';

/**
 * The slots answer, read straight from the capacity table the booking transaction keeps (one
 * indexed range query, no recount): withdrawn slots, those starting within the minimum lead time
 * and those beyond the horizon left out.
 */

const MAX_RANGE_DAYS = 62;

interface Range {
  fromDate: string;
  toDate: string;
  earliest: Date;
}

async function bookableRange(db: Db, hallTz: string, query: { from?: string | undefined; to?: string | undefined }, now: Date): Promise<Range> {
  const rules = await readRules(db);
  const today = DateTime.fromJSDate(now).setZone(hallTz).toISODate()!;
  const from = query.from ?? today;
  const to = query.to ?? horizonEnd(hallTz, now, rules);
  const f = DateTime.fromISO(from, { zone: hallTz });
  const t = DateTime.fromISO(to, { zone: hallTz });
  if (!f.isValid || !t.isValid) throw new AppError(400, 'bad_range', 'from and to must be dates (YYYY-MM-DD)');
  if (t < f) throw new AppError(400, 'bad_range', '`to` is before `from`');
  if (t.diff(f, 'days').days > MAX_RANGE_DAYS) throw new AppError(400, 'bad_range', `At most ${MAX_RANGE_DAYS} days at a time`);
  const last = horizonEnd(hallTz, now, rules);
  return { fromDate: from < today ? today : from, toDate: to > last ? last : to, earliest: earliestStart(now, rules) };
}

export async function listSlots(db: Db, hallTz: string, serviceId: number, query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  await requireBookableService(db, serviceId);
  const r = await bookableRange(db, hallTz, query, now);
  if (r.toDate < r.fromDate) return [];
  const rows = await db.execute<{ starts_at: string; ends_at: string; capacity: number; taken: number }>(sql`
    select starts_at, ends_at, capacity, taken from appointment_slots
    where service_id = ${serviceId} and hall_date between ${r.fromDate} and ${r.toDate} and not withdrawn and starts_at >= ${r.earliest.toISOString()}
    order by starts_at`);
  return rows.map((s) => ({ start: hallIso(s.starts_at, hallTz), end: hallIso(s.ends_at, hallTz), capacity: s.capacity, remaining: Math.max(0, s.capacity - s.taken) }));
}

/** Per hall-local day: free seats and bookable slots, for the calendar (days without slots left out). */
export async function listSlotDays(db: Db, hallTz: string, serviceId: number, query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  await requireBookableService(db, serviceId);
  const r = await bookableRange(db, hallTz, query, now);
  if (r.toDate < r.fromDate) return [];
  const rows = await db.execute<{ date: string; remaining: number; slots: number; with_seats: number }>(sql`
    select hall_date::text as date, sum(greatest(capacity - taken, 0))::int as remaining, count(*)::int as slots,
           count(*) filter (where taken < capacity)::int as with_seats
    from appointment_slots
    where service_id = ${serviceId} and hall_date between ${r.fromDate} and ${r.toDate} and not withdrawn and starts_at >= ${r.earliest.toISOString()}
    group by hall_date order by hall_date`);
  return rows.map((d) => ({ date: d.date, remaining: d.remaining, slots: d.slots, slotsWithSeats: d.with_seats }));
}
