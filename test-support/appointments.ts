import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type DbHandle } from '@campus/db';
import { createTestDatabase, type TestDatabase } from './db.ts';

type Sql = FastifyInstance['pg']['sql'];

export interface DatabaseContext {
  database: TestDatabase;
  /** A small pool of its own on the database: the workers' functions take its `db`. */
  handle: DbHandle;
}

/** For the workers' tests (no app): a database of this file's own, cloned from the seeded template, dropped after. */
export function useDatabase(): DatabaseContext {
  const ctx = {} as DatabaseContext;
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.handle = createDb(ctx.database.url, { max: 2 });
  });
  afterAll(async () => {
    await ctx.handle?.close();
    await ctx.database?.drop();
  });
  return ctx;
}

/** A catalogue service's id by its code. */
export async function serviceByCode(sql: Sql | DbHandle['sql'], code: string): Promise<number> {
  const [row] = await sql`select id from services where code = ${code}`;
  if (!row) throw new Error(`no service ${code}`);
  return row.id as number;
}

/** The person behind a demo account (S0001 …). */
export async function personOf(sql: Sql, username: string): Promise<number> {
  const [row] = await sql`select person_id from accounts where username = ${username}`;
  if (!row?.person_id) throw new Error(`no person for ${username}`);
  return row.person_id as number;
}

export function bookingCode(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/**
 * A booked appointment inserted as the booking slice would leave it: its slot row (capacity 5) with
 * the seat taken, and the appointment. Until that slice is merged the tests of check-in, the
 * sweeper and reminders make theirs this way.
 */
export async function insertAppointment(
  sql: Sql,
  options: { serviceId: number; personId: number; slotStart: Date; minutes?: number; status?: string; code?: string; hallTz?: string },
): Promise<{ id: string; code: string }> {
  const end = new Date(options.slotStart.getTime() + (options.minutes ?? 15) * 60_000);
  const code = options.code ?? bookingCode();
  const tz = options.hallTz ?? 'Asia/Shanghai';
  const start = options.slotStart.toISOString();
  const finish = end.toISOString();
  await sql`insert into appointment_slots (service_id, starts_at, ends_at, hall_date, capacity, taken)
    values (${options.serviceId}, ${start}::timestamptz, ${finish}::timestamptz, (${start}::timestamptz at time zone ${tz})::date, 5, 1)
    on conflict (service_id, starts_at) do update set taken = appointment_slots.taken + 1`;
  const [row] = await sql`insert into appointments (service_id, person_id, slot_start, slot_end, status, check_in_code)
    values (${options.serviceId}, ${options.personId}, ${start}::timestamptz, ${finish}::timestamptz, ${options.status ?? 'booked'}::appointment_status, ${code}) returning id`;
  return { id: row!.id as string, code };
}
