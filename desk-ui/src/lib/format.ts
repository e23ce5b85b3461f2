import { ApiError, isRole, type OpeningHours, type Role } from './api';
import { formatOffset, HALL_TIME_ZONE, hallParts, offsetMinutesAt } from './hall-time';
import { joinList, t, type MessageKey } from './i18n/lang.svelte';

/** Integer fen as ¥20.00, or 免费 / Free. */
export function formatFee(fen: number): string {
  if (fen === 0) return t('fee.free');
  return `¥${(fen / 100).toFixed(2)}`;
}

/** 21 号窗口 / Window 21; 20、21 号窗口 / Windows 20, 21. */
export function formatWindows(numbers: readonly number[]): string {
  if (numbers.length === 1) return t('window.one', { n: numbers[0] ?? '' });
  return t('window.many', { list: joinList(numbers) });
}

const weekdayKey = (weekday: number) => `weekday.${weekday}` as MessageKey;

export interface HoursLine {
  days: string;
  times: string;
}

/**
 * Opening hours as display lines, consecutive weekdays with identical hours grouped:
 * 周一至周四 09:00–17:00, 周五 09:00–12:00. Days without hours are left out.
 */
export function groupHours(hours: readonly OpeningHours[]): HoursLine[] {
  const byDay = new Map<number, string>();
  for (let day = 1; day <= 7; day++) {
    const spans = hours
      .filter((h) => h.weekday === day)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((h) => `${h.opens}–${h.closes}`);
    if (spans.length > 0) byDay.set(day, joinList(spans));
  }

  const runs: { from: number; to: number; times: string }[] = [];
  for (const [day, times] of byDay) {
    const last = runs.at(-1);
    if (last && last.to === day - 1 && last.times === times) last.to = day;
    else runs.push({ from: day, to: day, times });
  }

  return runs.map(({ from, to, times }) => {
    const a = t(weekdayKey(from));
    const b = t(weekdayKey(to));
    let days = a;
    if (to === from + 1) days = t('hours.pair', { a, b });
    else if (to > from + 1) days = t('hours.range', { from: a, to: b });
    return { days, times };
  });
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
  offsetMinutes: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The API sends instants with the hall's UTC offset (2025-03-03T09:00:00+08:00), so the wall-clock
 * time in the hall can be read straight from the string, whatever the browser's own zone.
 */
function parseWallTime(iso: string): WallTime | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi, off] = m as unknown as [string, string, string, string, string, string, string];
  let offsetMinutes = 0;
  if (off !== 'Z') {
    const sign = off.startsWith('-') ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return { year: +y, month: +mo, day: +d, hour: h, minute: mi, offsetMinutes };
}

/** Days since the epoch of a calendar date; only differences matter. */
const dayNumber = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);

/** ISO weekday (1 = Monday) of a calendar date. */
const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;

/**
 * A moment as the hall's wall clock, relative to now: 今天 09:00 / 明天 09:00 / 周一 09:00 /
 * 3月10日（周一）09:00.
 */
export function formatMoment(iso: string, now: Date = new Date()): string {
  const w = parseWallTime(iso);
  if (!w) return iso;
  const time = `${w.hour}:${w.minute}`;
  const hallNow = new Date(now.getTime() + w.offsetMinutes * 60_000);
  const diff =
    dayNumber(w.year, w.month, w.day) -
    dayNumber(hallNow.getUTCFullYear(), hallNow.getUTCMonth() + 1, hallNow.getUTCDate());
  const weekday = t(weekdayKey(isoWeekday(w.year, w.month, w.day)));
  if (diff === 0) return t('time.today', { time });
  if (diff === 1) return t('time.tomorrow', { time });
  if (diff > 1 && diff < 7) return t('time.thisWeek', { weekday, time });
  return t('time.date', { month: w.month, day: w.day, weekday, time });
}

/** HH:MM of a moment on the hall's wall clock. */
export function formatClock(iso: string): string {
  const w = parseWallTime(iso);
  return w ? `${w.hour}:${w.minute}` : iso;
}

/**
 * The hall's time zone. Account and audit times come from the API as instants (possibly in UTC), so
 * unlike the catalogue's they are converted to the hall's clock rather than read off the string.
 */
export { HALL_TIME_ZONE };

/** HH:mm of an instant on the hall's clock. */
export function formatHallClock(iso: string): string {
  const p = hallParts(iso);
  return p ? `${p.hour}:${p.minute}` : iso;
}

/** YYYY-MM-DD HH:mm of an instant on the hall's clock. */
export function formatHallDateTime(iso: string): string {
  const p = hallParts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

/**
 * Midnight at the start of a calendar day (YYYY-MM-DD) in the hall, `addDays` later, as ISO 8601
 * with the hall's offset: hallDayStart('2025-03-03', 1) → 2025-03-04T00:00:00+08:00.
 */
export function hallDayStart(date: string, addDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays, 12));
  return `${day.toISOString().slice(0, 10)}T00:00:00${formatOffset(offsetMinutesAt(day.getTime()))}`;
}

const ROLE_ORDER: readonly Role[] = ['admin', 'clerk', 'card_clerk', 'lock_clerk', 'staff', 'student'];

/** A role in words (管理员, 窗口工作人员…); an unknown role as it came. */
export function roleName(role: string): string {
  return isRole(role) ? t(`role.${role}` as MessageKey) : role;
}

/** Roles in words, the most powerful first: 窗口工作人员、校园卡业务员、教职工. */
export function roleList(roles: readonly string[]): string {
  const rank = (r: string) => {
    const i = (ROLE_ORDER as readonly string[]).indexOf(r);
    return i === -1 ? ROLE_ORDER.length : i;
  };
  return joinList([...roles].sort((a, b) => rank(a) - rank(b)).map(roleName));
}

/** A failed request as one line for the user. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'network' ? t('error.network') : err.message;
  return err instanceof Error ? err.message : String(err);
}
