import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { asCookie, sessionFor } from '../../../test-support/auth.ts';
import { generateSlots } from './slot-generation.ts';

const ctx = useTestApp();

async function as(username: string, method: 'GET' | 'PATCH' | 'PUT', url: string, payload?: Record<string, unknown>) {
  const token = await sessionFor(ctx.app, username);
  return ctx.app.inject({ method, url, headers: asCookie(token), ...(payload ? { payload } : {}) });
}

/** A bookable service with slots in the horizon, and its future slots as the table holds them. */
async function bookableService(): Promise<number> {
  await generateSlots(ctx.app.db, ctx.config.hallTz);
  const [row] = await ctx.app.pg.sql`select s.id from services s join appointment_slots a on a.service_id = s.id
    where s.appointment_enabled and a.starts_at > now() + interval '1 day' group by s.id order by count(*) desc limit 1`;
  return row!.id as number;
}

/** Slots from an hour ahead: the same set before and after a change however long the test takes. */
const from = new Date(Date.now() + 3_600_000).toISOString();
const futureSlots = async (serviceId: number) =>
  (await ctx.app.pg.sql`select starts_at, capacity, taken, withdrawn, (extract(hour from starts_at at time zone 'Asia/Shanghai') < 12) as morning
    from appointment_slots where service_id = ${serviceId} and starts_at > ${from}::timestamptz order by starts_at`) as unknown as {
    starts_at: string;
    capacity: number;
    taken: number;
    withdrawn: boolean;
    morning: boolean;
  }[];

describe('booking settings (admin)', () => {
  it('are for admins only, and show the rules and every service as the tables hold them', async () => {
    expect((await as('clerk08', 'GET', '/api/admin/booking')).statusCode).toBe(403);
    expect((await ctx.app.inject('/api/admin/booking')).statusCode).toBe(401);
    const res = await as('admin', 'GET', '/api/admin/booking');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ rules: { horizonDays: number }; services: { id: number; appointmentEnabled: boolean }[] }>();
    const [rules] = await ctx.app.pg.sql`select horizon_days from appointment_rules`;
    expect(body.rules.horizonDays).toBe(rules!.horizon_days);
    const enabled = await ctx.app.pg.sql`select id from services where appointment_enabled and active order by id`;
    expect(body.services.filter((s) => s.appointmentEnabled).map((s) => s.id).sort((a, b) => a - b)).toEqual(enabled.map((r) => r.id));
  });

  it('re-plan a service’s slots at once: seats per window, booking off and on again, keeping the seats already given', async () => {
    const service = await bookableService();
    const before = await futureSlots(service);
    expect(before.length).toBeGreaterThan(0);
    // One seat given, to see it kept through every change.
    const kept = before.find((s) => !s.withdrawn)!;
    await ctx.app.pg.sql`update appointment_slots set taken = 1 where service_id = ${service} and starts_at = ${kept.starts_at}`;

    const tripled = await as('admin', 'PATCH', `/api/admin/services/${service}/booking`, { perWindowCapacity: 3 });
    expect(tripled.statusCode).toBe(200);
    const after = await futureSlots(service);
    expect(after.map((s) => s.capacity)).toEqual(before.map((s) => s.capacity * 3));
    expect(after.find((s) => String(s.starts_at) === String(kept.starts_at))!.taken).toBe(1);

    const off = await as('admin', 'PATCH', `/api/admin/services/${service}/booking`, { appointmentEnabled: false });
    expect(off.statusCode).toBe(200);
    expect((await futureSlots(service)).every((s) => s.withdrawn)).toBe(true);
    // Nobody new can book it: the service is not bookable any more.
    expect((await ctx.app.inject(`/api/services/${service}/slots`)).statusCode).toBe(404);

    expect((await as('admin', 'PATCH', `/api/admin/services/${service}/booking`, { appointmentEnabled: true, perWindowCapacity: null })).statusCode).toBe(200);
    const again = await futureSlots(service);
    expect(again.map((s) => [s.capacity, s.withdrawn])).toEqual(before.map((s) => [s.capacity, false]));
    expect(again.find((s) => String(s.starts_at) === String(kept.starts_at))!.taken).toBe(1);

    const audit = await ctx.app.pg.sql`select action, after from audit_log where object_type = 'service' and object_id = ${String(service)} order by id`;
    expect(audit.map((a) => a.action)).toEqual(['booking.service_changed', 'booking.service_changed', 'booking.service_changed']);
    expect(audit[1]!.after).toMatchObject({ appointmentEnabled: false });
  });

  it('keep walk-in seats back in the day part asked, and refuse a list naming one twice, changing nothing', async () => {
    const service = await bookableService();
    const before = await futureSlots(service);
    const twice = await as('admin', 'PUT', '/api/admin/booking/reserves', {
      reserves: [
        { serviceId: null, dayPart: 'morning', seats: 1 },
        { serviceId: null, dayPart: 'morning', seats: 2 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().code).toBe('duplicate_reserve');
    expect((await ctx.app.pg.sql`select count(*)::int as n from appointment_walk_in_reserves`)[0]!.n).toBe(0);
    const unknown = await as('admin', 'PUT', '/api/admin/booking/reserves', { reserves: [{ serviceId: 999999, dayPart: 'morning', seats: 1 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown_service');

    const ok = await as('admin', 'PUT', '/api/admin/booking/reserves', { reserves: [{ serviceId: null, dayPart: 'morning', seats: 1 }] });
    expect(ok.statusCode).toBe(200);
    const after = await futureSlots(service);
    expect(after.map((s) => s.capacity)).toEqual(before.map((s) => (s.morning ? Math.max(s.capacity - 1, 0) : s.capacity)));
    await as('admin', 'PUT', '/api/admin/booking/reserves', { reserves: [] });
    expect((await futureSlots(service)).map((s) => s.capacity)).toEqual(before.map((s) => s.capacity));
  });

  it('shorten the horizon for every service at once, and refuse rules out of range', async () => {
    expect((await as('admin', 'PATCH', '/api/admin/booking/rules', { horizonDays: 0 })).statusCode).toBe(400);
    expect((await as('admin', 'PATCH', '/api/admin/booking/rules', {})).statusCode).toBe(400);
    const res = await as('admin', 'PATCH', '/api/admin/booking/rules', { horizonDays: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules.horizonDays).toBe(3);
    const [beyond] = await ctx.app.pg.sql`select count(*)::int as n from appointment_slots
      where not withdrawn and hall_date > (now() at time zone 'Asia/Shanghai')::date + 3`;
    expect(beyond!.n).toBe(0);
    const [within] = await ctx.app.pg.sql`select count(*)::int as n from appointment_slots where not withdrawn and starts_at > now()`;
    expect(within!.n).toBeGreaterThan(0);
    await as('admin', 'PATCH', '/api/admin/booking/rules', { horizonDays: 14 });
  });
});
