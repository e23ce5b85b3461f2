import { DateTime } from 'luxon';

/** The last day asked for, and the moments it spans: most calls ask about the same day. */
let lastDay: { tz: string; from: number; until: number; day: string } | null = null;

/** The hall-local date a moment belongs to: ticket numbers restart with it. */
export function hallDate(tz: string, at: Date = new Date()): string {
  const t = at.getTime();
  if (lastDay !== null && lastDay.tz === tz && t >= lastDay.from && t < lastDay.until) return lastDay.day;
  const local = DateTime.fromMillis(t).setZone(tz);
  lastDay = { tz, from: local.startOf('day').toMillis(), until: local.plus({ days: 1 }).startOf('day').toMillis(), day: local.toISODate()! };
  return lastDay.day;
}

/** A001 … A999, then A1000: numbers stay readable and never collide. */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}
