import { type DateTime } from 'luxon';

/** A weekly opening rule in hall-local time. */
export interface HoursRule {
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS' (Postgres `time`). */
  opens: string;
  closes: string;
  validFrom?: string | null;
  validTo?: string | null;
}

/** A dated closure (inclusive dates, hall-local). */
export interface Closure {
  startsOn: string;
  endsOn: string;
}

export interface OpenState {
  open: boolean;
  /** When open: the end of the current opening. */
  closesAt: DateTime | null;
  /** When closed: the start of the next opening within the horizon, else null. */
  nextOpensAt: DateTime | null;
}

function at(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number);
  return day.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 });
}

function within(date: string, from?: string | null, to?: string | null): boolean {
  return (!from || date >= from) && (!to || date <= to);
}

/** The openings of one hall-local day, in order, after rules and closures. */
export function openingsOn(day: DateTime, rules: HoursRule[], closures: Closure[]): { opensAt: DateTime; closesAt: DateTime }[] {
  const date = day.toISODate()!;
  if (closures.some((c) => date >= c.startsOn && date <= c.endsOn)) return [];
  return rules
    .filter((r) => r.weekday === day.weekday && within(date, r.validFrom, r.validTo))
    .map((r) => ({ opensAt: at(day, r.opens), closesAt: at(day, r.closes) }))
    .sort((a, b) => a.opensAt.toMillis() - b.opensAt.toMillis());
}

/**
 * Whether a window is open at `now` (a DateTime in the hall's zone) and when that changes.
 * Looks ahead `horizonDays` for the next opening, long enough to cross a winter break.
 */
export function openState(rules: HoursRule[], closures: Closure[], now: DateTime, horizonDays = 60): OpenState {
  const today = now.startOf('day');
  for (let d = 0; d <= horizonDays; d++) {
    for (const { opensAt, closesAt } of openingsOn(today.plus({ days: d }), rules, closures)) {
      if (now >= opensAt && now < closesAt) return { open: true, closesAt, nextOpensAt: null };
      if (opensAt > now) return { open: false, closesAt: null, nextOpensAt: opensAt };
    }
  }
  return { open: false, closesAt: null, nextOpensAt: null };
}

/** 'HH:MM' from a Postgres time value. */
export const hhmm = (time: string) => time.slice(0, 5);
