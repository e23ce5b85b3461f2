/** Clock and date formatting on the hall's wall clock (Asia/Shanghai unless the API says otherwise). */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'zh-CN') {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

export const clockText = (at: Date, timeZone: string) =>
  formatter(timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);

export const dateText = (at: Date, timeZone: string) =>
  formatter(timeZone, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(at);

export const dayKey = (at: Date, timeZone: string) =>
  formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(at);

export const hourMinute = (at: Date, timeZone: string) =>
  formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** 今天 09:00 / 明天 09:00 / 周一 09:00 / 3月10日 09:00 */
export function momentText(iso: string, now: Date, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const days = Math.round(
    (Date.parse(dayKey(at, timeZone)) - Date.parse(dayKey(now, timeZone))) / 86_400_000,
  );
  const time = hourMinute(at, timeZone);
  if (days === 0) return `今天 ${time}`;
  if (days === 1) return `明天 ${time}`;
  if (days > 1 && days < 7) return `${formatter(timeZone, { weekday: 'short' }).format(at)} ${time}`;
  return `${formatter(timeZone, { month: 'numeric', day: 'numeric' }).format(at)} ${time}`;
}
