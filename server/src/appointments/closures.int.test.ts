import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { insertAppointment, personOf } from '../../../test-support/appointments.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createServiceWithWindows } from '../../../test-support/factories.ts';
import { generateSlots } from './slot-generation.ts';

const ctx = useTestApp();

const declare = async (payload: object) => injectAs(ctx.app, await sessionFor(ctx.app, 'admin'), { method: 'POST', url: '/api/admin/closures', payload });
const slotsOf = (serviceId: number) => ctx.app.pg.sql`select hall_date::text as day, withdrawn, taken from appointment_slots where service_id = ${serviceId} order by starts_at`;
const statusOf = async (id: string) => (await ctx.app.pg.sql`select status, cancel_reason from appointments where id = ${id}`)[0]!;

describe('a closure declared late', () => {
  it('withdraws the day’s slots of a service left with no window, cancels their appointments and tells each holder, in one go', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 1);
    const a = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0021'), slotStart: new Date('2030-11-05T02:00:00Z') });
    const b = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0022'), slotStart: new Date('2030-11-05T06:00:00Z') });
    const nextDay = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0023'), slotStart: new Date('2030-11-06T02:00:00Z') });

    const res = await declare({ windowId: clerks[0]!.windowId, startsOn: '2030-11-05', endsOn: '2030-11-05', reasonZh: '停电检修', reasonEn: 'Power cut' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const slots = await slotsOf(serviceId);
    expect(slots).toEqual([
      { day: '2030-11-05', withdrawn: true, taken: 0 },
      { day: '2030-11-05', withdrawn: true, taken: 0 },
      { day: '2030-11-06', withdrawn: false, taken: 1 },
    ]);
    const [cancelled] = await ctx.app.pg.sql`select count(*)::int as n from appointments where service_id = ${serviceId} and status = 'cancelled'`;
    expect(body).toMatchObject({ withdrawnSlots: 2, cancelledAppointments: cancelled!.n });
    expect(cancelled!.n).toBe(2);
    expect((await statusOf(a.id)).status).toBe('cancelled');
    expect((await statusOf(b.id)).cancel_reason).toMatch(/停电检修/);
    expect((await statusOf(nextDay.id)).status).toBe('booked');

    const told = await ctx.app.pg.sql`select a.person_id, n.payload from notifications n join accounts a on a.id = n.account_id where n.kind = 'appointment.cancelled_by_hall' and n.payload->>'appointmentId' in ${ctx.app.pg.sql([a.id, b.id, nextDay.id])}`;
    expect(told.map((t) => t.payload.appointmentId).sort()).toEqual([a.id, b.id].sort());
    expect(told.find((t) => t.payload.appointmentId === a.id)!.payload).toMatchObject({ reasonZh: '停电检修', slotStart: '2030-11-05T10:00:00+08:00' });
    const [audit] = await ctx.app.pg.sql`select count(*)::int as n from audit_log where action = 'closure.declared' and actor_role = 'admin'`;
    expect(audit!.n).toBeGreaterThanOrEqual(1);

    // The same closure twice is refused, and changes nothing more.
    const again = await declare({ windowId: clerks[0]!.windowId, startsOn: '2030-11-05', endsOn: '2030-11-05', reasonZh: '停电检修' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('closure_exists');
  });

  it('keeps the slots of a service another window still serves that day', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 2);
    const kept = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0024'), slotStart: new Date('2030-11-12T02:00:00Z') });
    const res = await declare({ windowId: clerks[0]!.windowId, startsOn: '2030-11-12', endsOn: '2030-11-12', reasonZh: '窗口设备维修' });
    expect(res.json()).toMatchObject({ withdrawnSlots: 0, cancelledAppointments: 0 });
    expect((await statusOf(kept.id)).status).toBe('booked');
    // The other window closes too: now nobody can serve it.
    const second = await declare({ windowId: clerks[1]!.windowId, startsOn: '2030-11-12', endsOn: '2030-11-12', reasonZh: '窗口设备维修' });
    expect(second.json()).toMatchObject({ withdrawnSlots: 1, cancelledAppointments: 1 });
    expect((await statusOf(kept.id)).status).toBe('cancelled');
  });

  it('narrows the seats of a day when one of a service’s windows closes, counting the windows left open', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, 3);
    await ctx.app.pg.sql`update services set appointment_enabled = true, slot_minutes = 30, per_window_capacity = 2 where id = ${serviceId}`;
    for (const c of clerks) {
      await ctx.app.pg.sql`insert into window_hours (window_id, weekday, opens, closes) select ${c.windowId}, d, '09:00', '10:00' from generate_series(1, 7) d`;
    }
    await generateSlots(ctx.app.db, ctx.app.config.hallTz, { serviceIds: [serviceId] });
    const [day] = await ctx.app.pg.sql`select hall_date::text as day from appointment_slots where service_id = ${serviceId} and starts_at > now() + interval '1 day' order by starts_at limit 1`;
    const holder = await personOf(ctx.app.pg.sql, 'S0025');
    const [slot] = await ctx.app.pg.sql`select starts_at from appointment_slots where service_id = ${serviceId} and hall_date = ${day!.day}::date order by starts_at limit 1`;
    const kept = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: holder, slotStart: new Date(slot!.starts_at) });

    const res = await declare({ windowId: clerks[0]!.windowId, startsOn: day!.day, endsOn: day!.day, reasonZh: '窗口人员培训' });
    expect(res.statusCode).toBe(201);
    // Each slot of the day offers what the windows still open that day can serve: read from the rows.
    const rows = await ctx.app.pg.sql`
      select sl.hall_date::text as day, sl.capacity::int as capacity, sl.withdrawn,
        (select count(*)::int from service_windows sw where sw.service_id = sl.service_id
          and not exists (select 1 from window_closures c where (c.window_id is null or c.window_id = sw.window_id) and sl.hall_date between c.starts_on and c.ends_on)) as open_windows,
        (select seats::int from appointment_walk_in_reserves r where r.service_id is null and r.day_part = 'morning') as reserve
      from appointment_slots sl where sl.service_id = ${serviceId} and sl.hall_date between ${day!.day}::date and ${day!.day}::date + 1`;
    const thatDay = rows.filter((r) => r.day === day!.day);
    const nextDay = rows.filter((r) => r.day !== day!.day);
    expect(thatDay.length).toBe(2);
    for (const r of rows) expect(r.capacity).toBe(Math.max(0, r.open_windows * 2 - (r.reserve ?? 0)));
    expect(thatDay.every((r) => r.open_windows === 2 && !r.withdrawn)).toBe(true);
    expect(nextDay.every((r) => r.open_windows === 3)).toBe(true);
    expect(res.json()).toMatchObject({ withdrawnSlots: 0, narrowedSlots: 2, cancelledAppointments: 0 });
    expect((await statusOf(kept.id)).status).toBe('booked');
  });

  it('refuses bad input as problems', async () => {
    expect((await declare({ startsOn: '2030-11-20', endsOn: '2030-11-19', reasonZh: '闭馆' })).statusCode).toBe(400);
    const missing = await declare({ windowId: 999999, startsOn: '2030-11-20', endsOn: '2030-11-20', reasonZh: '闭馆' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('window_not_found');
    expect((await declare({ startsOn: 'soon', endsOn: '2030-11-20', reasonZh: '闭馆' })).statusCode).toBe(400);
  });
});
