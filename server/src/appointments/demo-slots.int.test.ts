import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, withDatabase } from '@campus/db';
import { testConfig } from '../../../test-support/app.ts';
import { TEST_PG_URL } from '../../../test-support/env.ts';
import { deleteRedisPrefix } from '../../../test-support/redis.ts';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../server.ts';

/**
 * `npm start` on a fresh clone: the database `prepareDatabase` makes from nothing (migrations,
 * catalogue, demo data, slot generation — what start-up runs before it listens) offers every
 * demo service that takes bookings bookable seats in the next 14 days, so a newcomer can book at
 * once. Not the test template: an empty database, as a first start finds it.
 */
const name = `cd_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
const url = withDatabase(TEST_PG_URL, name);
let config: Config;
let app: FastifyInstance;

beforeAll(async () => {
  config = testConfig({ DATABASE_URL: url, DEMO_SEED: 'true' });
  await prepareDatabase(config);
  app = await buildApp(config);
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await deleteRedisPrefix(config.redisPrefix);
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.end();
});

describe('the demo data npm start prepares', () => {
  it('has bookable slots in the next 14 days for every demo service taking bookings, and the calendar shows them', async () => {
    const { sql } = app.pg;
    // Services taking bookings that an active window with weekly hours serves. A window without
    // hours (window 7's legal aid announces its times on WeChat) has no slots until an admin gives it some.
    const taking = await sql<{ id: number; code: string; hours: boolean }[]>`
      select s.id, s.code, exists (select 1 from service_windows sw join windows w on w.id = sw.window_id
          join window_hours h on h.window_id = w.id where sw.service_id = s.id and w.status = 'active') as hours
      from services s where s.appointment_enabled and s.active order by s.id`;
    const bookable = taking.filter((s) => s.hours);
    expect(bookable.length).toBeGreaterThan(10);
    expect(taking.filter((s) => !s.hours).map((s) => s.code)).toEqual(['w07-legal-consultation']);
    // Per service, the seats a student could book now: within the horizon, after the lead time, not withdrawn.
    const seats = await sql<{ service_id: number; slots: number; remaining: number; days: number }[]>`
      select s.service_id, count(*)::int as slots, sum(s.capacity - s.taken)::int as remaining, count(distinct s.hall_date)::int as days
      from appointment_slots s, appointment_rules r
      where not s.withdrawn and s.taken < s.capacity
        and s.starts_at >= now() + make_interval(mins => r.min_lead_minutes)
        and s.starts_at < now() + interval '14 days'
      group by s.service_id`;
    const byService = new Map(seats.map((r) => [r.service_id, r]));
    const without = bookable.filter((s) => !byService.has(s.id)).map((s) => s.code);
    expect(without).toEqual([]);
    // A Thursday-only window has one or two such days in 14; the others have several.
    for (const s of bookable) expect(byService.get(s.id)!.remaining, s.code).toBeGreaterThan(0);
    expect(bookable.filter((s) => byService.get(s.id)!.days >= 5).length).toBeGreaterThan(bookable.length / 2);

    // What the calendar answers, for two of them, is those rows.
    for (const s of [bookable[0]!, bookable.at(-1)!]) {
      const res = await app.inject({ method: 'GET', url: `/api/services/${s.id}/slot-days` });
      expect(res.statusCode, res.body).toBe(200);
      const days = res.json<{ date: string; remaining: number; slotsWithSeats: number }[]>();
      const [rows] = await sql`
        select coalesce(sum(s.capacity - s.taken), 0)::int as remaining, count(*)::int as with_seats
        from appointment_slots s, appointment_rules r
        where s.service_id = ${s.id} and not s.withdrawn and s.taken < s.capacity
          and s.starts_at >= now() + make_interval(mins => r.min_lead_minutes)
          and s.hall_date <= ((now() at time zone ${config.hallTz})::date + r.horizon_days)`;
      expect(days.reduce((n, d) => n + d.remaining, 0), s.code).toBe(rows!.remaining);
      expect(days.reduce((n, d) => n + d.slotsWithSeats, 0), s.code).toBe(rows!.with_seats);
    }
  });
});
