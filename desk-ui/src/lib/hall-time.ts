/**
 * The hall's clock for `<input type="datetime-local">`: such an input holds a wall-clock time with
 * no zone, and the admin means the hall's clock whatever their own computer's zone is.
 */

/** The hall's time zone. */
export const HALL_TIME_ZONE = 'Asia/Shanghai';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: HALL_TIME_ZONE, timeZoneName: 'longOffset' });

/** The hall's UTC offset at an instant, in minutes (+480 for UTC+8). */
export function offsetMinutesAt(ms: number): number {
  const name = offsetFormatter.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):?(\d{2})$/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An offset in minutes as ISO 8601 writes it: 480 → +08:00. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant's date and time on the hall's clock, as two-digit strings; null when it is not a date. */
export function hallParts(iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(partsFormatter.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '' };
}

/** An instant as a datetime-local value on the hall's clock (2026-11-21T09:30); '' when it is not a date. */
export function toHallInput(iso: string): string {
  const p = hallParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` : '';
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A datetime-local value read on the hall's clock, as ISO 8601 with the hall's offset
 * (2026-11-21T09:30 → 2026-11-21T09:30:00+08:00); undefined when it is not a real date and time.
 */
export function fromHallInput(value: string): string | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // The offset of the instant that wall time names (asked twice in case the zone ever changes offset).
  let offset = offsetMinutesAt(wall);
  offset = offsetMinutesAt(wall - offset * 60_000);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(second)}${formatOffset(offset)}`;
}
