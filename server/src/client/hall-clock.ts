import { DateTime, IANAZone } from 'luxon';

/**
 * The hall's wall clock for the browsers (desk-ui and display-board import this from the server
 * package): zone-aware parsing and formatting with luxon, as the server does it, and which day a
 * moment falls on (今天/明天/周X). Browser-safe: luxon only.
 *
 * The zone is the server's HALL_TZ, read from GET /api/hall once at app start (setHallTimeZone);
 * until then, and if that fails, the default the server uses too.
 */

export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

let hallZone = DEFAULT_HALL_TIME_ZONE;

/** Sets the hall's zone (from the API); an unknown zone is ignored. Returns whether it was taken. */
export function setHallTimeZone(zone: string): boolean {
  if (!IANAZone.isValidZone(zone)) return false;
  hallZone = zone;
  return true;
}

export const hallTimeZone = (): string => hallZone;

/**
 * Read the wall clock off the string's own UTC offset instead of converting to a zone: the
 * catalogue sends its moments with the hall's offset (2025-03-03T09:00:00+08:00).
 */
export const SENT_OFFSET = 'sent-offset';

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function instant(iso: string, zone: string): DateTime | null {
  if (zone === SENT_OFFSET) {
    if (!HAS_OFFSET.test(iso)) return null;
    const at = DateTime.fromISO(iso, { setZone: true });
    return at.isValid ? at : null;
  }
  const at = DateTime.fromISO(iso, { zone });
  return at.isValid ? at : null;
}

const onClock = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });

const WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ssZZ";

/** An instant's date and time on the hall's clock, as two-digit strings; null when it is not a date. */
export function hallParts(iso: string, zone = hallZone): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  const at = instant(iso, zone);
  if (!at) return null;
  return { year: at.toFormat('yyyy'), month: at.toFormat('MM'), day: at.toFormat('dd'), hour: at.toFormat('HH'), minute: at.toFormat('mm') };
}

/** HH:mm of an instant on the hall's clock; the string itself when it is not a date. */
export function hallClock(iso: string, zone = hallZone): string {
  return instant(iso, zone)?.toFormat('HH:mm') ?? iso;
}

/** YYYY-MM-DD HH:mm of an instant on the hall's clock; the string itself when it is not a date. */
export function hallDateTime(iso: string, zone = hallZone): string {
  return instant(iso, zone)?.toFormat('yyyy-MM-dd HH:mm') ?? iso;
}

// `<input type="datetime-local">` holds a wall-clock time with no zone, and the admin means the
// hall's clock whatever their own computer's zone is.

/** An instant as a datetime-local value on the hall's clock (2026-11-21T09:30); '' when it is not a date. */
export function toHallInput(iso: string, zone = hallZone): string {
  return instant(iso, zone)?.toFormat("yyyy-MM-dd'T'HH:mm") ?? '';
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A datetime-local value read on the hall's clock, as ISO 8601 with the hall's offset
 * (2026-11-21T09:30 → 2026-11-21T09:30:00+08:00); undefined when it is not a real date and time.
 */
export function fromHallInput(value: string, zone = hallZone): string | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  // Luxon reads 24:00 as the next midnight; a datetime-local value never means that.
  if (hour > 23) return undefined;
  const at = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  return at.isValid ? at.toFormat(WITH_OFFSET) : undefined;
}

/**
 * Midnight at the start of a calendar day (YYYY-MM-DD) in the hall, `addDays` later, as ISO 8601
 * with the hall's offset: hallDayStart('2025-03-03', 1) → 2025-03-04T00:00:00+08:00.
 */
export function hallDayStart(date: string, addDays = 0, zone = hallZone): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day.plus({ days: addDays }).startOf('day').toFormat(WITH_OFFSET) : undefined;
}

/** HH:mm:ss of a moment on the hall's clock (the board's clock). */
export const clockText = (at: Date, zone = hallZone): string => onClock(at, zone).toFormat('HH:mm:ss');

/** HH:mm of a moment on the hall's clock. */
export const hourMinute = (at: Date, zone = hallZone): string => onClock(at, zone).toFormat('HH:mm');

/** The hall's calendar day of a moment, YYYY-MM-DD. */
export const dayKey = (at: Date, zone = hallZone): string => onClock(at, zone).toFormat('yyyy-MM-dd');

/** 2026年12月1日星期二: the board's date line. */
export const dateText = (at: Date, zone = hallZone): string =>
  onClock(at, zone).setLocale('zh-CN').toLocaleString({ year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

/** Where a moment falls from now on the hall's calendar: 今天, 明天, later this week, or a date. */
export type MomentDay = 'today' | 'tomorrow' | 'thisWeek' | 'date';

export interface HallMoment {
  day: MomentDay;
  /** HH:mm on the hall's clock. */
  time: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  month: number;
  dayOfMonth: number;
}

/** A moment on the hall's calendar relative to now; null when it is not a date. */
export function hallMoment(iso: string, now: Date, zone = hallZone): HallMoment | null {
  const at = instant(iso, zone);
  if (!at) return null;
  const today = DateTime.fromJSDate(now, { zone: at.zone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const day: MomentDay = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days > 1 && days < 7 ? 'thisWeek' : 'date';
  return { day, time: at.toFormat('HH:mm'), weekday: at.weekday, month: at.month, dayOfMonth: at.day };
}

const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The board's Chinese wording: 今天 09:00 / 明天 09:00 / 周一 09:00 / 3/10 09:00; '' when it is not a date. */
export function momentText(iso: string, now: Date, zone = hallZone): string {
  const m = hallMoment(iso, now, zone);
  if (!m) return '';
  if (m.day === 'today') return `今天 ${m.time}`;
  if (m.day === 'tomorrow') return `明天 ${m.time}`;
  if (m.day === 'thisWeek') return `${WEEKDAYS_ZH[m.weekday - 1]!} ${m.time}`;
  return `${m.month}/${m.dayOfMonth} ${m.time}`;
}
