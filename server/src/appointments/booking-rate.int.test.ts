import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { asCookie, injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createStudents } from '../../../test-support/factories.ts';
import { BOOKING_RATE_TTL_MS } from './booking-rate.ts';
import { generateSlots } from './slot-generation.ts';

const ctx = useTestApp();

async function asAdmin(method: 'PATCH' | 'PUT', url: string, payload: Record<string, unknown>) {
  return ctx.app.inject({ method, url, headers: asCookie(await sessionFor(ctx.app, 'admin')), payload });
}

/** Each process reads the admin's rate at most once a second: a test waits that second out. */
const rateSettles = () => new Promise((r) => setTimeout(r, BOOKING_RATE_TTL_MS + 100));

/** A booking request that is refused whatever the limit (no such slot): only the limiter's 429 differs. */
const tryBooking = (token: string) =>
  injectAs(ctx.app, token, { method: 'POST', url: '/api/appointments', payload: { serviceId: 999999, start: '2030-01-01T09:00:00+08:00' } });

/** Each future slot's row version: a slot planned again gets a new one, an untouched slot keeps its own. */
const rowVersions = async () =>
  new Map(
    (await ctx.app.pg.sql`select service_id, starts_at, xmin::text as v from appointment_slots where starts_at > now() + interval '1 hour'`).map((r) => [
      `${r.service_id}@${String(r.starts_at)}`,
      { serviceId: r.service_id as number, v: r.v as string },
    ]),
  );

describe('the booking rate is the admin’s rule', () => {
  it('holds each account to the number the admin set, audited, and refuses one out of range', async () => {
    const [rules] = await ctx.app.pg.sql`select bookings_per_10_minutes as n from appointment_rules`;
    expect(rules!.n).toBe(30);
    expect((await asAdmin('PATCH', '/api/admin/booking/rules', { bookingsPer10Minutes: 0 })).statusCode).toBe(400);
    const set = await asAdmin('PATCH', '/api/admin/booking/rules', { bookingsPer10Minutes: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<{ rules: { bookingsPer10Minutes: number } }>().rules.bookingsPer10Minutes).toBe(3);
    const [stored] = await ctx.app.pg.sql`select bookings_per_10_minutes as n from appointment_rules`;
    expect(stored!.n).toBe(3);
    const [audit] = await ctx.app.pg.sql`select before->>'bookingsPer10Minutes' as was, after->>'bookingsPer10Minutes' as now
      from audit_log where action = 'booking.rules_changed' order by id desc limit 1`;
    expect(audit).toMatchObject({ was: '30', now: '3' });
    await rateSettles();

    const [me, other] = await createStudents(ctx.app, 2);
    const mine = [];
    for (let i = 0; i < 4; i++) mine.push((await tryBooking(me!.token)).statusCode);
    expect(mine.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(mine[3]).toBe(429);
    const refused = await tryBooking(me!.token);
    expect(refused.json().code).toBe('rate_limited');
    // Per account: another student is not held back by my requests.
    expect((await tryBooking(other!.token)).statusCode).not.toBe(429);

    // Raised: the same account has room again within the same 10 minutes (5 sent, 7 allowed).
    expect((await asAdmin('PATCH', '/api/admin/booking/rules', { bookingsPer10Minutes: 7 })).statusCode).toBe(200);
    await rateSettles();
    expect((await tryBooking(me!.token)).statusCode).not.toBe(429);
    expect((await tryBooking(me!.token)).statusCode).not.toBe(429);
    expect((await tryBooking(me!.token)).statusCode).toBe(429);
    await asAdmin('PATCH', '/api/admin/booking/rules', { bookingsPer10Minutes: 30 });
  });

  it('a rule the plan is not made of, or one service’s reserve, leaves the other services’ slots as they were', async () => {
    await generateSlots(ctx.app.db, ctx.config.hallTz);
    const before = await rowVersions();
    expect(before.size).toBeGreaterThan(100);

    // The rate and the lead time are read when booking: nothing to plan again.
    expect((await asAdmin('PATCH', '/api/admin/booking/rules', { bookingsPer10Minutes: 20, minLeadMinutes: 45 })).statusCode).toBe(200);
    const afterRules = await rowVersions();
    expect([...before].filter(([k, r]) => afterRules.get(k)?.v !== r.v)).toEqual([]);

    // One service's own morning reserve: its slots only.
    const [one] = [...before.values()];
    expect((await asAdmin('PUT', '/api/admin/booking/reserves', { reserves: [{ serviceId: one!.serviceId, dayPart: 'morning', seats: 1 }] })).statusCode).toBe(200);
    const afterReserve = await rowVersions();
    const touched = new Set([...before].filter(([k, r]) => afterReserve.get(k)?.v !== r.v).map(([, r]) => r.serviceId));
    expect([...touched]).toEqual([one!.serviceId]);

    // The hall's default reserve is every service's that has none of its own.
    expect((await asAdmin('PUT', '/api/admin/booking/reserves', { reserves: [{ serviceId: null, dayPart: 'afternoon', seats: 1 }] })).statusCode).toBe(200);
    const afterHall = await rowVersions();
    const services = new Set([...before.values()].map((r) => r.serviceId));
    const replanned = new Set([...afterReserve].filter(([k, r]) => afterHall.get(k)?.v !== r.v).map(([, r]) => r.serviceId));
    expect(replanned.size).toBe(services.size);
    // Planning every service's 14 days twice over: slow on a shared test machine.
  }, 90_000);
});
