import { DateTime } from 'luxon';
import { openingsOn, type Closure, type HoursRule } from '../catalogue/hours.ts';

/**
 * The pure half of slot generation: from the windows' weekly hours and closures to the slots of
 * one service, in the hall's zone whatever the process's own TZ. The database half
 * (slot-generation.ts) reads the rows and upserts what this returns.
 */

export interface PlanService {
  serviceId: number;
  slotMinutes: number;
  perWindowCapacity: number;
  /** Walk-in seats kept back per slot, by day part. */
  reserve: { morning: number; afternoon: number };
  /** The windows serving it: their hours and their own closures (hall-wide ones included). */
  windows: { rules: HoursRule[]; closures: Closure[] }[];
}

export interface PlannedSlot {
  serviceId: number;
  startsAt: Date;
  endsAt: Date;
  /** Hall-local date of the start. */
  hallDate: string;
  capacity: number;
}

/** A slot starting before noon hall time belongs to the morning's walk-in reserve. */
export function dayPartOf(start: DateTime): 'morning' | 'afternoon' {
  return start.hour < 12 ? 'morning' : 'afternoon';
}

/**
 * The slots of one service on hall-local dates `from`..`to` (inclusive ISO dates). Each window's
 * openings are cut into slots aligned from the opening time, none crossing the closing time; a
 * slot's capacity is the windows open for all of it × seats per window, less the walk-in reserve,
 * never below 0.
 */
export function planSlots(service: PlanService, hallTz: string, from: string, to: string): PlannedSlot[] {
  const first = DateTime.fromISO(from, { zone: hallTz }).startOf('day');
  const last = DateTime.fromISO(to, { zone: hallTz }).startOf('day');
  if (!first.isValid || !last.isValid || service.slotMinutes <= 0) return [];
  const windowsAt = new Map<number, { start: DateTime; count: number }>();
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    for (const window of service.windows) {
      for (const { opensAt, closesAt } of openingsOn(day, window.rules, window.closures)) {
        for (let start = opensAt; start.plus({ minutes: service.slotMinutes }) <= closesAt; start = start.plus({ minutes: service.slotMinutes })) {
          const key = start.toMillis();
          const seen = windowsAt.get(key);
          if (seen) seen.count += 1;
          else windowsAt.set(key, { start, count: 1 });
        }
      }
    }
  }
  return [...windowsAt.values()]
    .sort((a, b) => a.start.toMillis() - b.start.toMillis())
    .map(({ start, count }) => ({
      serviceId: service.serviceId,
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: service.slotMinutes }).toJSDate(),
      hallDate: start.toISODate()!,
      capacity: Math.max(0, count * service.perWindowCapacity - service.reserve[dayPartOf(start)]),
    }));
}
