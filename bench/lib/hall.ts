import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, ensureDatabase, quoteIdent, runMigrations, withDatabase, type DbHandle } from '@campus/db';
import { catalogue, seedCatalogue, seedDemo } from '@campus/db/seed';
import { createSession } from '../../server/src/accounts/sessions.ts';
import { loadConfig } from '../../server/src/config.ts';

/** The bench's own database, so thousands of bench tickets never land in the demo's. */
export const BENCH_DB_URL = process.env.BENCH_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/campus_desk', 'campus_desk_bench');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_PREFIX = `bench:${randomBytes(3).toString('hex')}:`;
export const KIOSK = { authorization: 'Bearer demo-kiosk' };

/** The one row a query answers. */
export function first<T>(rows: readonly T[]): T {
  if (rows[0] === undefined) throw new Error('the query answered no row');
  return rows[0];
}

/** A fresh database with the hall's catalogue and the demo data (accounts, kiosk token), every run alike. */
export async function freshBenchDatabase(): Promise<DbHandle> {
  const admin = postgres(withDatabase(BENCH_DB_URL, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${quoteIdent(new URL(BENCH_DB_URL).pathname.slice(1))} with (force)`);
  await admin.end();
  await ensureDatabase(BENCH_DB_URL);
  await runMigrations(BENCH_DB_URL);
  const handle = createDb(BENCH_DB_URL, { max: 4, applicationName: 'campus-desk-bench' });
  await seedCatalogue(handle.db, catalogue);
  await seedDemo(handle.db, { controllerSimulatorUrl: 'http://127.0.0.1:3100', production: false });
  return handle;
}

/** What a production API process of the bench reads from its environment. */
export function serverEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DEMO_SEED: 'false',
    DATABASE_URL: BENCH_DB_URL,
    REDIS_URL,
    REDIS_PREFIX,
    HOST: '127.0.0.1',
    PORT: String(port),
    SERVE_UI: 'false',
    SUPERVISE: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    // The run is one kiosk token and a few addresses: lift the limits meant for people.
    TICKET_RATE_PER_KIOSK: '1000000',
    WS_MAX_PER_IP: '100000',
    ...extra,
  };
}

/** A clerk's session cookie, made straight in the database (as the tests do). */
export async function clerkCookie(handle: DbHandle, username: string): Promise<string> {
  const [account] = await handle.sql<{ id: number }[]>`select id from accounts where username = ${username}`;
  const auth = loadConfig({ DATABASE_URL: BENCH_DB_URL }).auth;
  const { token } = await createSession(handle.db, account!.id, { ip: '127.0.0.1', userAgent: 'bench' }, auth);
  return `cd_session=${token}`;
}

/** Opens the session of each window's own demo clerk (clerk08 for window 8…), so their services take tickets. */
export async function openDemoWindows(handle: DbHandle, numbers: number[]): Promise<void> {
  await handle.sql`insert into window_sessions (window_id, account_id)
    select w.id, a.id from windows w join accounts a on a.username = 'clerk' || lpad(w.number::text, 2, '0')
    where w.number = any(${numbers}::int[])
      and not exists (select 1 from window_sessions s where s.window_id = w.id and s.status <> 'closed')`;
}

export interface Line {
  serviceId: number;
  prefix: string;
  windows: { id: number; number: number; cookie: string }[];
}

/**
 * One service served by `windows` new windows, each with its own clerk and an open session, and
 * `tickets` waiting for it today: the shared line of the call-next and fan-out scenarios.
 */
export async function createLine(handle: DbHandle, hallTz: string, windows: number, tickets: number, family = 'card_center'): Promise<Line> {
  const tag = randomBytes(3).toString('hex');
  const { sql } = handle;
  const [dept] = await sql<{ id: number }[]>`select id from departments order by id limit 1`;
  const { prefix } = first(await sql<{ prefix: string }[]>`select ticket_prefix as prefix from window_families where code = ${family}`);
  const [service] = await sql<{ id: number }[]>`insert into services (code, family_code, name_zh, name_en, department_id, handling_minutes)
    values (${`bench-${tag}`}, ${family}, ${`压测业务${tag}`}, ${`Bench ${tag}`}, ${dept!.id}, 5) returning id`;
  const [hash] = await sql<{ password_hash: string }[]>`select password_hash from accounts where username = 'admin'`;
  const { max } = first(await sql<{ max: number }[]>`select greatest(coalesce(max(number), 0), 100)::int as max from windows`);
  const made: Line['windows'] = [];
  for (let i = 0; i < windows; i++) {
    const number = max + 1 + i;
    const [w] = await sql<{ id: number }[]>`insert into windows (number, name_zh, name_en, family_code, department_id)
      values (${number}, ${`压测窗口${number}`}, ${`Bench window ${number}`}, ${family}, ${dept!.id}) returning id`;
    await sql`insert into service_windows (service_id, window_id) values (${service!.id}, ${w!.id})`;
    const username = `bench${tag}${i}`;
    const [account] = await sql<{ id: number }[]>`insert into accounts (username, display_name, password_hash) values (${username}, ${username}, ${hash!.password_hash}) returning id`;
    await sql`insert into account_roles (account_id, role) values (${account!.id}, 'clerk')`;
    await sql`insert into clerk_windows (account_id, window_id) values (${account!.id}, ${w!.id})`;
    await sql`insert into window_sessions (window_id, account_id) values (${w!.id}, ${account!.id})`;
    made.push({ id: w!.id, number, cookie: await clerkCookie(handle, username) });
  }
  await addToLine(handle, hallTz, service!.id, prefix, tickets);
  return { serviceId: service!.id, prefix, windows: made };
}

/** Appends `count` waiting tickets to a service's line today, numbered on from the prefix's counter. */
export async function addToLine(handle: DbHandle, hallTz: string, serviceId: number, prefix: string, count: number): Promise<void> {
  const { sql } = handle;
  const { day } = first(await sql<{ day: string }[]>`select (now() at time zone ${hallTz})::date::text as day`);
  const { from } = first(await sql<{ from: number }[]>`
    insert into ticket_sequences (hall_date, prefix, last_seq) values (${day}, ${prefix}, ${count})
    on conflict (hall_date, prefix) do update set last_seq = ticket_sequences.last_seq + ${count}
    returning (last_seq - ${count})::int as from`);
  await sql`insert into tickets (hall_date, prefix, seq, number, service_id, channel, queued_at, issued_at)
    select ${day}::date, ${prefix}, ${from} + g, ${prefix} || lpad((${from} + g)::text, 3, '0'), ${serviceId}, 'kiosk',
      now() + g * interval '1 microsecond', now()
    from generate_series(1, ${count}) g`;
  // A hall's line grows over a morning and autovacuum analyzes the table as it does; a line poured
  // in by one statement a second before the run would leave the planner with the empty table's
  // statistics (it then walks all 20,000 tickets for each call: 60–120 ms instead of 1–2 ms).
  await sql`analyze tickets`;
}
