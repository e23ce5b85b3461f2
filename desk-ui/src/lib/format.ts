import { ApiError, isRole, type OpeningHours, type Role } from './api';
import { hallClock, hallDateTime, hallDayStart, hallMoment, SENT_OFFSET } from '@campus/server/client/hall-clock';
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

/**
 * A moment as the hall's wall clock, relative to now: 今天 09:00 / 明天 09:00 / 周一 09:00 /
 * 3月10日（周一）09:00. The catalogue sends its moments with the hall's offset, so the wall clock is
 * read off the string, whatever the browser's own zone.
 */
export function formatMoment(iso: string, now: Date = new Date()): string {
  const m = hallMoment(iso, now, SENT_OFFSET);
  if (!m) return iso;
  const { time } = m;
  const weekday = t(weekdayKey(m.weekday));
  if (m.day === 'today') return t('time.today', { time });
  if (m.day === 'tomorrow') return t('time.tomorrow', { time });
  if (m.day === 'thisWeek') return t('time.thisWeek', { weekday, time });
  return t('time.date', { month: m.month, day: m.dayOfMonth, weekday, time });
}

/** HH:MM of a moment on the hall's wall clock, read off the string's offset. */
export const formatClock = (iso: string): string => hallClock(iso, SENT_OFFSET);

/**
 * HH:mm of an instant on the hall's clock. Account and audit times come from the API as instants
 * (possibly in UTC), so unlike the catalogue's they are converted to the hall's zone (GET /api/hall).
 */
export const formatHallClock = (iso: string): string => hallClock(iso);

/** YYYY-MM-DD HH:mm of an instant on the hall's clock. */
export const formatHallDateTime = (iso: string): string => hallDateTime(iso);

export { hallDayStart };

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
