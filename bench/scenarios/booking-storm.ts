import http from 'node:http';
import { DateTime } from 'luxon';
import { createSession } from '../../server/src/accounts/sessions.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { Api, BenchContext } from '../lib/context.ts';
import { BENCH_DB_URL, first } from '../lib/hall.ts';
import { pgbench } from '../lib/pgbench.ts';
import type { ScenarioResult } from '../lib/report.ts';

/**
 * booking-storm (issue 12): 5,000 students with their own sessions ask for 500 seats of one slot
 * within a second. Baseline in the same run: pgbench doing the bare conditional
 * `UPDATE … SET remaining = remaining - 1 WHERE remaining > 0` at the server's pool size (10).
 */
const POOL_SIZE = 10;

async function students(ctx: BenchContext, count: number): Promise<string[]> {
  const { sql } = ctx.handle;
  const tag = Math.random().toString(36).slice(2, 8);
  const people = await sql<{ id: number; number: string }[]>`insert into people (kind, number, name)
    select 'student', ${`B${tag}`} || lpad(i::text, 5, '0'), '压测学生' || i from generate_series(1, ${count}::int) as i returning id, number`;
  const [hash] = await sql<{ h: string }[]>`select password_hash as h from accounts where username = 'admin'`;
  const accounts = await sql<{ id: number }[]>`insert into accounts (person_id, username, display_name, password_hash)
    select id, number, number, ${hash!.h} from people where id = any(${people.map((p) => p.id)}::int[]) returning id`;
  await sql`insert into account_roles (account_id, role) select unnest(${accounts.map((a) => a.id)}::int[]), 'student'`;
  const auth = loadConfig({ DATABASE_URL: BENCH_DB_URL }).auth;
  const cookies: string[] = [];
  for (const a of accounts) cookies.push(`cd_session=${(await createSession(ctx.handle.db, a.id, { ip: '127.0.0.1', userAgent: 'bench' }, auth)).token}`);
  return cookies;
}

async function slot(ctx: BenchContext, serviceId: number, capacity: number, hoursAhead: number): Promise<string> {
  const start = DateTime.now().setZone(ctx.hallTz).plus({ hours: hoursAhead }).startOf('minute');
  await ctx.handle.sql`insert into appointment_slots (service_id, starts_at, ends_at, hall_date, capacity)
    values (${serviceId}, ${start.toJSDate().toISOString()}, ${start.plus({ minutes: 30 }).toJSDate().toISOString()}, ${start.toISODate()!}, ${capacity})
    on conflict (service_id, starts_at) do update set capacity = excluded.capacity, taken = 0`;
  return start.toISO({ suppressMilliseconds: true })!;
}

interface Storm {
  statuses: Record<number, number>;
  latencies: number[];
  seconds: number;
  acceptedSeconds: number;
}

/** Sends one booking per cookie, `concurrency` at a time (Infinity: all at once over `sockets` connections). */
async function storm(api: Api, cookies: string[], body: string, concurrency: number, sockets: number): Promise<Storm> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  const t0 = performance.now();
  let lastAccepted = t0;
  const one = (cookie: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(`${api.url}/api/appointments`, { method: 'POST', agent, headers: { 'content-type': 'application/json', cookie, origin: api.url } }, (res) => {
        res.resume();
        res.on('end', () => {
          const now = performance.now();
          latencies.push(now - started);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode === 201) lastAccepted = now;
          resolve();
        });
      });
      req.on('error', () => {
        statuses[0] = (statuses[0] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });
  let next = 0;
  const lanes = Math.min(concurrency, cookies.length);
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < cookies.length) await one(cookies[next++]!);
  }));
  agent.destroy();
  const end = performance.now();
  return { statuses, latencies, seconds: (end - t0) / 1000, acceptedSeconds: (lastAccepted - t0) / 1000 };
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;

export async function bookingStorm(ctx: BenchContext): Promise<ScenarioResult> {
  const clients = ctx.quick ? 500 : 5000;
  const seats = clients / 10;
  const { sql } = ctx.handle;
  const services = await sql<{ id: number }[]>`select id from services where code in ('w14-grade-review', 'w14-transcripts-certificates') order by code`;
  if (services.length !== 2) throw new Error('booking-storm: its services are missing from the catalogue');
  await sql`update services set appointment_enabled = true where id = any(${services.map((s) => s.id)}::int[])`;
  const [steady, stormy] = services.map((s) => s.id) as [number, number];
  const cookies = await students(ctx, clients);
  const api = await ctx.startApi();

  // Throughput at 16 clients (a slot with room for all), then the storm: everyone at once for `seats`.
  const roomy = await slot(ctx, steady, clients, 50);
  const calm = await storm(api, cookies, JSON.stringify({ serviceId: steady, start: roomy }), 16, 16);
  const start = await slot(ctx, stormy, seats, 51);
  const peak = await storm(api, cookies, JSON.stringify({ serviceId: stormy, start }), Infinity, 1024);

  const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from appointments where service_id = ${stormy} and slot_start = ${new Date(start).toISOString()} and status = 'booked'`;
  const [seat] = await sql<{ taken: number }[]>`select taken from appointment_slots where service_id = ${stormy} and starts_at = ${new Date(start).toISOString()}`;
  await sql`create table if not exists bench_seats (id int primary key, remaining int not null)`;
  await sql`insert into bench_seats values (1, 1000000000) on conflict (id) do update set remaining = 1000000000`;
  const baseline = await pgbench('seat.sql', POOL_SIZE, ctx.seconds);

  const accepted = peak.statuses[201] ?? 0;
  const acceptedRate = accepted / Math.max(peak.acceptedSeconds, 1e-3);
  const calmRate = clients / calm.seconds;
  const stormRate = clients / peak.seconds;
  const fiveXX = Object.entries({ ...calm.statuses, ...peak.statuses }).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((a, [, n]) => a + n, 0);
  const exact = first([rows!]).n === seats && seat!.taken === seats && accepted === seats;
  const stormP99 = p99(peak.latencies);
  const ratio = acceptedRate / baseline;
  // What the server said of a 5xx: its error lines (JSON logs, level ≥ 50), so a miss names its cause.
  if (fiveXX > 0) for (const line of api.output().split('\n').filter((l) => /"level":(50|60)/.test(l)).slice(0, 5)) ctx.log(`booking-storm: server: ${line.slice(0, 1500)}`);
  const pass = exact && ratio >= 0.8 && stormRate >= 0.9 * calmRate && stormP99 <= 300 && fiveXX === 0;
  ctx.log(`booking-storm: ${accepted} of ${clients} booked (${seats} seats, ${rows!.n} rows); accepted ${acceptedRate.toFixed(0)}/s vs ${baseline.toFixed(0)} tps bare (${ratio.toFixed(2)}×); ${stormRate.toFixed(0)} answers/s at ${clients} vs ${calmRate.toFixed(0)} at 16; p99 ${stormP99.toFixed(0)} ms; ${fiveXX} 5xx`);
  return {
    name: 'booking-storm',
    unit: 'bookings/s',
    figure: acceptedRate,
    baseline,
    ratio,
    target: `exactly ${seats} booked; ≥ 0.8× pgbench; answers/s at ${clients} ≥ 0.9× at 16; p99 ≤ 300 ms; no 5xx`,
    pass,
    details: { clients, seats, rows: rows!.n, taken: seat!.taken, exact, calm: { rate: calmRate, statuses: calm.statuses, p99Ms: p99(calm.latencies) }, storm: { rate: stormRate, statuses: peak.statuses, p99Ms: stormP99 }, fiveXX },
  };
}
