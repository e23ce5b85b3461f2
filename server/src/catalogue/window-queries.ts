import { asc, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { readOpeningRules, schema, type Db, type Tx } from '@campus/db';
import { hhmm, openState, type Closure, type HoursRule } from './hours.ts';
import type { WindowSummary } from './schemas.ts';

const { departments, windowFamilies, windows } = schema;

/** How far ahead closures are read: the same horizon openState looks for the next opening. */
const HORIZON_DAYS = 60;

/** Windows with their hours and live open state in the hall's zone; all of them, or those listed. */
export async function listWindows(db: Db | Tx, hallTz: string, now: DateTime, ids?: number[]): Promise<WindowSummary[]> {
  const hallNow = now.setZone(hallTz);
  const rows = await db
    .select({
      id: windows.id,
      number: windows.number,
      nameZh: windows.nameZh,
      nameEn: windows.nameEn,
      phone: windows.phone,
      location: windows.location,
      hoursNoteZh: windows.hoursNoteZh,
      hoursNoteEn: windows.hoursNoteEn,
      status: windows.status,
      family: {
        code: windowFamilies.code,
        nameZh: windowFamilies.nameZh,
        nameEn: windowFamilies.nameEn,
        ticketPrefix: windowFamilies.ticketPrefix,
      },
      department: { nameZh: departments.nameZh, nameEn: departments.nameEn },
    })
    .from(windows)
    .innerJoin(windowFamilies, eq(windowFamilies.code, windows.familyCode))
    .innerJoin(departments, eq(departments.id, windows.departmentId))
    .where(ids ? inArray(windows.id, ids) : undefined)
    .orderBy(asc(windows.number));
  if (rows.length === 0) return [];
  const windowIds = rows.map((r) => r.id);

  const today = hallNow.toISODate()!;
  const horizon = hallNow.plus({ days: HORIZON_DAYS }).toISODate()!;
  const { hours, closures, sessions } = await readOpeningRules(db, windowIds, today, horizon);

  return rows.map((w) => {
    const rules: HoursRule[] = hours.filter((h) => h.windowId === w.id);
    const own: Closure[] = closures.filter((c) => c.windowId === null || c.windowId === w.id);
    const state = w.status === 'active' ? openState(rules, own, hallNow, HORIZON_DAYS) : { open: false, closesAt: null, nextOpensAt: null };
    // A clerk at work opens the window whatever its hours (overtime, an extra Saturday).
    const session = sessions.find((x) => x.windowId === w.id)?.status ?? null;
    const staffed = session === 'open';
    return {
      ...w,
      session: session as 'open' | 'paused' | null,
      // Today's validity decides which weekly rules are shown.
      hours: rules
        .filter((r) => (!r.validFrom || r.validFrom <= today) && (!r.validTo || r.validTo >= today))
        .map((r) => ({ weekday: r.weekday, opens: hhmm(r.opens), closes: hhmm(r.closes) })),
      open: state.open || staffed,
      closesAt: state.closesAt?.toISO({ suppressMilliseconds: true }) ?? null,
      nextOpensAt: state.open || staffed ? null : (state.nextOpensAt?.toISO({ suppressMilliseconds: true }) ?? null),
    };
  });
}

export function hallNow(hallTz: string): DateTime {
  return DateTime.now().setZone(hallTz);
}

/** The last second formatted, per zone: every answer of the window list carries the hall's clock. */
let lastSecond: { tz: string; second: number; iso: string } | null = null;

/**
 * `now` in the hall's zone as ISO with its offset, to the second (2026-12-01T09:30:00+08:00).
 * Kept for the second it names: luxon's zone arithmetic was a fifth of a cached read's cost.
 */
export function hallNowIso(hallTz: string, now: number = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (lastSecond?.tz === hallTz && lastSecond.second === second) return lastSecond.iso;
  const iso = DateTime.fromMillis(second * 1000).setZone(hallTz).toISO({ suppressMilliseconds: true })!;
  lastSecond = { tz: hallTz, second, iso };
  return iso;
}
