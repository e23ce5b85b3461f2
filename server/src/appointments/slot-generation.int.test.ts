import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { serviceId } from '../../../test-support/factories.ts';
import { generateSlots } from './slot-generation.ts';

/**
 * Slot generation against the real tables, in the hall's zone (Asia/Shanghai) while the process
 * itself runs in UTC and then in Los Angeles: nothing may follow the process's TZ.
 * The week used: Mon 2026-12-07 … Sun 12-13 (Thu 12-10, Fri 12-11).
 */
const ctx = useTestApp();
const HALL = 'Asia/Shanghai';
const NOW = DateTime.fromISO('2026-12-07T08:00', { zone: HALL }).toJSDate();
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

interface SlotRow {
  start: string;
  end: string;
  day: string;
  capacity: number;
  taken: number;
}

async function slotsOf(service: number, day?: string): Promise<SlotRow[]> {
  const rows = await ctx.app.pg.sql`
    select to_char(starts_at at time zone ${HALL}, 'HH24:MI') as start, to_char(ends_at at time zone ${HALL}, 'HH24:MI') as end,
           hall_date::text as day, capacity::int, taken::int
    from appointment_slots where service_id = ${service} and (${day ?? null}::date is null or hall_date = ${day ?? null}::date)
    order by starts_at`;
  return rows as unknown as SlotRow[];
}

for (const tz of ['UTC', 'America/Los_Angeles']) {
  describe(`process TZ=${tz}`, () => {
    let grade: number; // windows 14 and 15, office hours (Fri half day)
    let medical: number; // window 17, Thursdays 09:00–17:00
    let overseas: number; // window 12, Thursdays 14:00–17:00

    beforeAll(async () => {
      process.env.TZ = tz;
      grade = await serviceId(ctx.app, 'w14-grade-review');
      medical = await serviceId(ctx.app, 'w17-medical-reimbursement');
      overseas = await serviceId(ctx.app, 'w12-overseas-study-consultation');
    });

    beforeEach(async () => {
      const { sql } = ctx.app.pg;
      await sql`delete from appointment_slots`;
      await sql`delete from window_closures`;
      await sql`delete from appointment_walk_in_reserves`;
      await sql`update appointment_rules set horizon_days = 14, per_window_capacity = 1`;
      await sql`update services set appointment_enabled = (id in ${sql([grade, medical, overseas])}), slot_minutes = 30, per_window_capacity = null`;
    });

    it('runs in the TZ under test', () => {
      const offset = new Date('2026-12-07T00:00:00Z').getTimezoneOffset();
      expect(offset).toBe(tz === 'UTC' ? 0 : 480);
    });

    it('cuts a Friday half day at noon and a full day at 17:00, two windows giving two seats', async () => {
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      const friday = await slotsOf(grade, '2026-12-11');
      expect(friday.map((s) => s.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
      expect(friday.at(-1)!.end).toBe('12:00');
      expect(friday.every((s) => s.capacity === 2)).toBe(true);
      const monday = await slotsOf(grade, '2026-12-07');
      expect(monday).toHaveLength(16);
      expect([monday[0]!.start, monday.at(-1)!.end]).toEqual(['09:00', '17:00']);
      expect(await slotsOf(grade, '2026-12-12')).toEqual([]); // Saturday
    });

    it('gives a Thursday-only window slots on Thursdays only', async () => {
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      const medicalDays = new Set((await slotsOf(medical)).map((s) => s.day));
      expect([...medicalDays]).toEqual(['2026-12-10', '2026-12-17']);
      const overseasThursday = await slotsOf(overseas, '2026-12-10');
      expect(overseasThursday.map((s) => s.start)).toEqual(['14:00', '14:30', '15:00', '15:30', '16:00', '16:30']);
      expect(overseasThursday.every((s) => s.capacity === 1)).toBe(true);
    });

    it('leaves out a hall-wide closure day and counts only the open window on a window closure', async () => {
      const { sql } = ctx.app.pg;
      const [w14] = await sql`select id from windows where number = 14`;
      await sql`insert into window_closures (window_id, starts_on, ends_on, reason_zh) values (null, '2026-12-08', '2026-12-08', '停电')`;
      await sql`insert into window_closures (window_id, starts_on, ends_on, reason_zh) values (${w14!.id}, '2026-12-09', '2026-12-09', '培训')`;
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      expect(await slotsOf(grade, '2026-12-08')).toEqual([]);
      const wednesday = await slotsOf(grade, '2026-12-09');
      expect(wednesday).toHaveLength(16);
      expect(wednesday.every((s) => s.capacity === 1)).toBe(true);
    });

    it('keeps the walk-in reserve back by day part: the service’s own row first, else the hall-wide one, floored at 0', async () => {
      const { sql } = ctx.app.pg;
      await sql`update services set per_window_capacity = 3 where id = ${grade}`;
      await sql`insert into appointment_walk_in_reserves (service_id, day_part, seats) values (null, 'morning', 1), (null, 'afternoon', 5), (${grade}, 'afternoon', 2), (${overseas}, 'afternoon', 9)`;
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      const monday = await slotsOf(grade, '2026-12-07');
      expect(monday.filter((s) => s.start < '12:00').every((s) => s.capacity === 5)).toBe(true); // 2 windows × 3 − 1
      expect(monday.filter((s) => s.start >= '12:00').every((s) => s.capacity === 4)).toBe(true); // 2 × 3 − 2
      expect((await slotsOf(medical, '2026-12-10')).filter((s) => s.start >= '12:00').every((s) => s.capacity === 0)).toBe(true); // 1 − 5
      expect((await slotsOf(overseas, '2026-12-10')).every((s) => s.capacity === 0)).toBe(true);
    });

    it('generates today … today + horizon_days and no further; a rerun keeps taken seats', async () => {
      const { sql } = ctx.app.pg;
      await sql`update appointment_rules set horizon_days = 3`;
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      const days = [...new Set((await slotsOf(grade)).map((s) => s.day))];
      expect(days).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
      await sql`update appointment_slots set taken = 1 where service_id = ${grade} and hall_date = '2026-12-08'`;
      await sql`update services set per_window_capacity = 2 where id = ${grade}`;
      await generateSlots(ctx.app.db, HALL, {}, NOW);
      const tuesday = await slotsOf(grade, '2026-12-08');
      expect(tuesday.every((s) => s.taken === 1 && s.capacity === 4)).toBe(true);
      const [count] = await sql`select count(*)::int as n from appointment_slots where service_id = ${grade}`;
      expect(count!.n).toBe(4 * 16);
    });
  });
}
