import { describe, expect, it } from 'vitest';
import { insertAppointment, personOf, serviceByCode, useDatabase } from '../../../test-support/appointments.ts';
import { SWEEP_BATCH, sweepNoShows } from './sweeper.ts';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ctx = useDatabase();

const service = (code: string) => serviceByCode(ctx.handle.sql, code);
const status = async (id: string) => (await ctx.handle.sql`select status from appointments where id = ${id}`)[0]!.status as string;
const suspensionsOf = (personId: number) => ctx.handle.sql`select * from booking_suspensions where person_id = ${personId} order by id`;

describe('the no-show sweeper', () => {
  it('marks booked appointments no-show once their check-in has closed, on a controlled clock, with events and audit rows', async () => {
    const grade = await service('w14-grade-review');
    const slot = new Date('2030-05-06T02:00:00Z');
    const missed = await insertAppointment(ctx.handle.sql, { serviceId: grade, personId: await personOf(ctx.handle.sql, 'S0031'), slotStart: slot });
    const came = await insertAppointment(ctx.handle.sql, { serviceId: grade, personId: await personOf(ctx.handle.sql, 'S0032'), slotStart: slot, status: 'checked_in' });
    const later = await insertAppointment(ctx.handle.sql, { serviceId: grade, personId: await personOf(ctx.handle.sql, 'S0033'), slotStart: new Date(slot.getTime() + 30 * MIN) });
    const [{ n: eventsBefore }] = (await ctx.handle.sql`select count(*)::int as n from hall_events where type = 'appointment.no_show'`) as unknown as [{ n: number }];
    const [{ taken: takenBefore }] = (await ctx.handle.sql`select taken from appointment_slots where service_id = ${grade} and starts_at = ${slot.toISOString()}::timestamptz`) as unknown as [{ taken: number }];

    // Check-in is open until 10 minutes after the start (the rules' default): not yet a no-show.
    expect(await sweepNoShows(ctx.handle.db, TZ, new Date(slot.getTime() + 10 * MIN))).toEqual({ noShows: 0, suspensions: 0 });
    expect(await status(missed.id)).toBe('booked');

    expect(await sweepNoShows(ctx.handle.db, TZ, new Date(slot.getTime() + 10 * MIN + 1000))).toEqual({ noShows: 1, suspensions: 0 });
    expect(await status(missed.id)).toBe('no_show');
    expect(await status(came.id)).toBe('checked_in');
    expect(await status(later.id)).toBe('booked');
    const [{ n: eventsAfter }] = (await ctx.handle.sql`select count(*)::int as n from hall_events where type = 'appointment.no_show'`) as unknown as [{ n: number }];
    expect(eventsAfter - eventsBefore).toBe(1);
    const audit = await ctx.handle.sql`select actor_role from audit_log where action = 'appointment.no_show' and object_id = ${missed.id}`;
    expect(audit.map((a) => a.actor_role)).toEqual(['system']);
    // The slot is past: its seat is not given back.
    const [{ taken }] = (await ctx.handle.sql`select taken from appointment_slots where service_id = ${grade} and starts_at = ${slot.toISOString()}::timestamptz`) as unknown as [{ taken: number }];
    expect(taken).toBe(takenBefore);
    // Idempotent.
    expect((await sweepNoShows(ctx.handle.db, TZ, new Date(slot.getTime() + 11 * MIN))).noShows).toBe(0);
  });

  it('sweeps a long list in batches, each appointment once', async () => {
    const slot = new Date('2030-06-01T01:00:00Z');
    // A person holds one live appointment per service: people × four services make the long list.
    const codes = ['w14-registration', 'w14-self-study', 'w14-retake-exams', 'w14-pe-exemption'];
    await ctx.handle.sql`insert into appointments (service_id, person_id, slot_start, slot_end, status, check_in_code)
      select s.id, p.id, ${slot.toISOString()}::timestamptz, ${slot.toISOString()}::timestamptz + interval '15 minutes', 'booked', 'B' || s.id || '-' || p.id
      from people p, services s where s.code in ${ctx.handle.sql(codes)} order by s.id, p.id limit ${SWEEP_BATCH + 50}`;
    const cutoff = new Date(slot.getTime() + 20 * MIN);
    const [due] = await ctx.handle.sql`select count(*)::int as n from appointments where status = 'booked' and slot_start + interval '10 minutes' < ${cutoff.toISOString()}::timestamptz`;
    expect(due!.n).toBeGreaterThanOrEqual(SWEEP_BATCH + 50);
    // Four no-shows each would suspend everybody: this test is about the batches, the rule's tests follow.
    await ctx.handle.sql`update appointment_rules set no_show_limit = 100`;
    const result = await sweepNoShows(ctx.handle.db, TZ, cutoff).finally(() => ctx.handle.sql`update appointment_rules set no_show_limit = 3`);
    expect(result.noShows).toBe(due!.n);
    const [left] = await ctx.handle.sql`select count(*)::int as n from appointments where slot_start = ${slot.toISOString()}::timestamptz and status <> 'no_show'`;
    expect(left!.n).toBe(0);
    const [audited] = await ctx.handle.sql`select count(*)::int as n, count(distinct a.object_id)::int as d from audit_log a
      join appointments p on p.id::text = a.object_id where a.action = 'appointment.no_show' and p.slot_start = ${slot.toISOString()}::timestamptz`;
    expect(audited).toMatchObject({ n: SWEEP_BATCH + 50, d: SWEEP_BATCH + 50 });
  });
});

describe('the suspension rule', () => {
  /** A booked appointment `daysAgo` before `now`, of one of three services (a person holds one live per service). */
  async function missedAppointment(personId: number, now: Date, daysAgo: number, code: string) {
    return insertAppointment(ctx.handle.sql, { serviceId: await service(code), personId, slotStart: new Date(now.getTime() - daysAgo * DAY - 30 * MIN) });
  }

  it('2 no-shows within 30 days: no suspension; the 3rd: 14 days, with the reason, and the person is told', async () => {
    const personId = await personOf(ctx.handle.sql, 'S0041');
    const now = new Date('2030-07-10T04:00:00Z');
    await missedAppointment(personId, now, 20, 'w14-grade-review');
    await missedAppointment(personId, now, 5, 'w07-legal-consultation');
    expect(await sweepNoShows(ctx.handle.db, TZ, now)).toMatchObject({ suspensions: 0 });
    expect(await suspensionsOf(personId)).toHaveLength(0);

    const third = await missedAppointment(personId, now, 0, 'w17-medical-reimbursement');
    expect(await sweepNoShows(ctx.handle.db, TZ, now)).toMatchObject({ noShows: 1, suspensions: 1 });
    const [s, ...more] = await suspensionsOf(personId);
    expect(more).toHaveLength(0);
    expect(new Date(s!.ends_at as string).getTime()).toBe(now.getTime() + 14 * DAY);
    expect(s!.appointment_ids).toHaveLength(3);
    expect(s!.appointment_ids).toContain(third.id);
    // 2030-07-10 12:00 in the hall + 14 days.
    expect(s!.reason_zh).toBe('30 天内 3 次预约未到，预约功能暂停至 2030-07-24 12:00。');
    expect(s!.reason_en).toBe('3 missed appointments within 30 days: booking is suspended until 2030-07-24 12:00.');
    const told = await ctx.handle.sql`select n.kind, n.payload from notifications n join accounts a on a.id = n.account_id
      where a.person_id = ${personId} and n.kind = 'appointment.suspended'`;
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ reasonZh: s!.reason_zh, endsAt: '2030-07-24T12:00:00.000+08:00' });
  });

  it('a no-show older than the window does not count', async () => {
    const personId = await personOf(ctx.handle.sql, 'S0042');
    const now = new Date('2030-07-10T04:00:00Z');
    await missedAppointment(personId, now, 31, 'w14-grade-review');
    await missedAppointment(personId, now, 10, 'w07-legal-consultation');
    await missedAppointment(personId, now, 1, 'w17-medical-reimbursement');
    expect(await sweepNoShows(ctx.handle.db, TZ, now)).toMatchObject({ noShows: 3, suspensions: 0 });
    expect(await suspensionsOf(personId)).toHaveLength(0);
  });

  it('follows the rules row, and the no-shows a suspension was for do not count again', async () => {
    const personId = await personOf(ctx.handle.sql, 'S0043');
    await ctx.handle.sql`update appointment_rules set no_show_limit = 2, suspension_days = 7`;
    try {
      const now = new Date('2030-08-01T04:00:00Z');
      await missedAppointment(personId, now, 3, 'w14-grade-review');
      await missedAppointment(personId, now, 2, 'w07-legal-consultation');
      expect((await sweepNoShows(ctx.handle.db, TZ, now)).suspensions).toBe(1);
      const [s] = await suspensionsOf(personId);
      expect(new Date(s!.ends_at as string).getTime()).toBe(now.getTime() + 7 * DAY);
      // Lifted early by a clerk; one more no-show is not a second suspension on the same record.
      await ctx.handle.sql`update booking_suspensions set lifted_at = ${now.toISOString()}::timestamptz where id = ${s!.id}`;
      const later = new Date(now.getTime() + DAY);
      await missedAppointment(personId, later, 0, 'w17-medical-reimbursement');
      expect(await sweepNoShows(ctx.handle.db, TZ, later)).toMatchObject({ noShows: 1, suspensions: 0 });
      expect(await suspensionsOf(personId)).toHaveLength(1);
    } finally {
      await ctx.handle.sql`update appointment_rules set no_show_limit = 3, suspension_days = 14`;
    }
  });
});
