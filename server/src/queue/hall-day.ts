import { DateTime } from 'luxon';

/** The hall-local date a moment belongs to: ticket numbers restart with it. */
export function hallDate(tz: string, at: Date = new Date()): string {
  return DateTime.fromJSDate(at).setZone(tz).toISODate()!;
}

/** A001 … A999, then A1000: numbers stay readable and never collide. */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}
