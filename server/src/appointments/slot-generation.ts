import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { readOpeningRules, schema, type Db, type Tx } from '@campus/db';
import { hhmm } from '../catalogue/hours.ts';
import { planSlots, type PlanService, type PlannedSlot } from './slot-plan.ts';
import { readRules } from './rules.ts';

const { appointmentSlots, appointmentWalkInReserves, serviceWindows, services, windows } = schema;

export interface SlotRange {
  /** Hall-local ISO dates, inclusive; default today … today + horizon_days. */
  from?: string;
  to?: string;
  /** Only these services (still only those taking bookings). */
  serviceIds?: number[];
}

/**
 * Generates the bookable slots of every service taking appointments (or the listed ones) and
 * upserts them into appointment_slots: a slot already there keeps its `taken` seats and gets the
 * new capacity. Idempotent, so startup, the daily run and several processes may all call it.
 * Returns how many slots were written.
 */
export async function generateSlots(db: Db | Tx, hallTz: string, range: SlotRange = {}, now: Date = new Date()): Promise<number> {
  const rules = await readRules(db);
  const today = DateTime.fromJSDate(now).setZone(hallTz).startOf('day');
  const from = range.from ?? today.toISODate()!;
  const to = range.to ?? today.plus({ days: rules.horizonDays }).toISODate()!;

  const bookable = await db
    .select({ id: services.id, handlingMinutes: services.handlingMinutes, slotMinutes: services.slotMinutes, perWindowCapacity: services.perWindowCapacity })
    .from(services)
    .where(and(eq(services.appointmentEnabled, true), eq(services.active, true), range.serviceIds ? inArray(services.id, range.serviceIds) : undefined));
  if (bookable.length === 0) return 0;

  const links = await db
    .select({ serviceId: serviceWindows.serviceId, windowId: serviceWindows.windowId })
    .from(serviceWindows)
    .innerJoin(windows, eq(windows.id, serviceWindows.windowId))
    .where(and(inArray(serviceWindows.serviceId, bookable.map((s) => s.id)), eq(windows.status, 'active')));
  const windowIds = [...new Set(links.map((l) => l.windowId))];
  const opening = windowIds.length > 0 ? await readOpeningRules(db, windowIds, from, to) : { hours: [], closures: [] };
  const reserves = await db.select().from(appointmentWalkInReserves);
  const reserveOf = (serviceId: number, part: 'morning' | 'afternoon') =>
    (reserves.find((r) => r.serviceId === serviceId && r.dayPart === part) ?? reserves.find((r) => r.serviceId === null && r.dayPart === part))?.seats ?? 0;

  const planned: PlannedSlot[] = [];
  for (const s of bookable) {
    const plan: PlanService = {
      serviceId: s.id,
      slotMinutes: s.slotMinutes ?? s.handlingMinutes,
      perWindowCapacity: s.perWindowCapacity ?? rules.perWindowCapacity,
      reserve: { morning: reserveOf(s.id, 'morning'), afternoon: reserveOf(s.id, 'afternoon') },
      windows: links
        .filter((l) => l.serviceId === s.id)
        .map((l) => ({
          rules: opening.hours
            .filter((h) => h.windowId === l.windowId)
            .map((h) => ({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes), validFrom: h.validFrom, validTo: h.validTo })),
          closures: opening.closures.filter((c) => c.windowId === null || c.windowId === l.windowId),
        })),
    };
    planned.push(...planSlots(plan, hallTz, from, to));
  }
  for (let i = 0; i < planned.length; i += 1000) {
    await db
      .insert(appointmentSlots)
      .values(planned.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [appointmentSlots.serviceId, appointmentSlots.startsAt],
        // A planned slot is offered: one withdrawn by an earlier plan (booking settings changed back) is offered again.
        set: { capacity: sql`excluded.capacity`, endsAt: sql`excluded.ends_at`, hallDate: sql`excluded.hall_date`, withdrawn: false },
      });
  }
  return planned.length;
}

/** Hall-local ms until the next 00:05, when the daily run adds the day that entered the horizon. */
export function msUntilNextDailyRun(hallTz: string, now: Date = new Date()): number {
  const local = DateTime.fromJSDate(now).setZone(hallTz);
  let next = local.startOf('day').set({ hour: 0, minute: 5 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toMillis() - local.toMillis();
}
