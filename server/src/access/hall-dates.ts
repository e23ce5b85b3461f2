import { DateTime } from 'luxon';

/** The moment a hall-local day starts: a grant valid from a date opens at its midnight. */
export function startOfHallDay(date: string, tz: string): Date {
  return DateTime.fromISO(date, { zone: tz }).startOf('day').toJSDate();
}

/** A grant valid to a date (inclusive) ends when the next hall-local day starts. */
export function endOfHallDay(date: string, tz: string): Date {
  return DateTime.fromISO(date, { zone: tz }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** A strict YYYY-MM-DD that names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
