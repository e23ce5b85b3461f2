import { DateTime } from 'luxon';

/** Midnights already worked out: luxon takes a fraction of a millisecond per zoned date, and an import file repeats a few dates thousands of times. */
const midnights = new Map<string, number>();

function midnight(date: string, tz: string, addDays: number): Date {
  const key = `${tz}|${date}|${addDays}`;
  let at = midnights.get(key);
  if (at === undefined) {
    at = DateTime.fromISO(date, { zone: tz }).plus({ days: addDays }).startOf('day').toMillis();
    if (midnights.size > 10_000) midnights.clear();
    midnights.set(key, at);
  }
  return new Date(at);
}

/** The moment a hall-local day starts: a grant valid from a date opens at its midnight. */
export const startOfHallDay = (date: string, tz: string): Date => midnight(date, tz, 0);

/** A grant valid to a date (inclusive) ends when the next hall-local day starts. */
export const endOfHallDay = (date: string, tz: string): Date => midnight(date, tz, 1);

/** A strict YYYY-MM-DD that names a real calendar day (cheap: an import checks thousands). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}
