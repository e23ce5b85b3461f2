import { DateTime } from 'luxon';

/**
 * The semester an instant falls in, in the hall's zone: the autumn semester runs from 1 August to
 * the end of January, the spring one from 1 February to the end of July (summer term counts with
 * spring). Self-service report-lost is limited per semester (001: 2 a semester, the 3rd at a desk).
 */
export function semesterOf(at: Date, hallTz: string): { start: Date; end: Date; label: string } {
  const local = DateTime.fromJSDate(at, { zone: hallTz });
  const autumn = local.month >= 8 || local.month === 1;
  const startYear = autumn ? (local.month === 1 ? local.year - 1 : local.year) : local.year;
  const start = DateTime.fromObject({ year: startYear, month: autumn ? 8 : 2, day: 1 }, { zone: hallTz });
  const end = start.plus({ months: 6 });
  return { start: start.toJSDate(), end: end.toJSDate(), label: `${startYear}-${autumn ? 'autumn' : 'spring'}` };
}

/** Self-service report-lost per person and semester; the next one goes through a card clerk. */
export const SELF_SERVICE_LOST_PER_SEMESTER = 2;

/** A faulty card whose body is intact is replaced free within six months of issue (002, 2.3.3). */
export const FREE_FAULTY_MONTHS = 6;

/** The old card's balance reaches the replacement three days later (003, window 21). */
export const BALANCE_TRANSFER_DAYS = 3;

/** The replacement fee when the card type records none: 20 yuan (002, 2.3.1). */
export const DEFAULT_REPLACEMENT_FEE_FEN = 2000;
