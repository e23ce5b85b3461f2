import type { BenchContext, Api } from '../lib/context.ts';
import { KIOSK, addToLine, createLine, first, openDemoWindows } from '../lib/hall.ts';
import { openLoop, peak, type LoadTarget, type PeakResult } from '../lib/http-load.ts';
import { pgbench } from '../lib/pgbench.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { measured } from '../lib/stats.ts';

/** Six services of six window families, their windows staffed: the morning's kiosks spread over them. */
const RUSH_SERVICES = ['w20-card-report-lost', 'w08-household-certificate', 'w14-grade-review', 'w03-campus-national-loan', 'w12-outbound-procedures', 'w24-replacement-card-door-lock'];
const RUSH_CLIENTS = 200;

async function rushServices(ctx: BenchContext): Promise<number[]> {
  const rows = await ctx.handle.sql<{ id: number; windows: number[] }[]>`
    select s.id, array_agg(w.number) as windows from services s join service_windows sw on sw.service_id = s.id join windows w on w.id = sw.window_id
    where s.code = any(${RUSH_SERVICES}::text[]) group by s.id`;
  if (rows.length !== RUSH_SERVICES.length) throw new Error('a morning-rush service is missing from the catalogue');
  await openDemoWindows(ctx.handle, rows.flatMap((r) => r.windows));
  return rows.map((r) => r.id);
}

/** Each run starts from an empty line, as a morning does. */
const emptyLines = (ctx: BenchContext, services: number[]) =>
  ctx.handle.sql`update tickets set status = 'expired', finished_at = now() where status = 'waiting' and service_id = any(${services}::int[])`;

const rushTarget = (api: Api, services: number[]): LoadTarget => ({
  url: `${api.url}/api/tickets`,
  method: 'POST',
  headers: KIOSK,
  bodies: services.map((id) => JSON.stringify({ serviceId: id })),
});

/** Ticket numbers stay unique and consecutive per prefix whatever the load (originals, today). */
async function numbersConsecutive(ctx: BenchContext): Promise<{ prefixes: number; ok: boolean }> {
  const rows = await ctx.handle.sql<{ prefix: string; n: number; distinct: number; span: number }[]>`
    select prefix, count(*)::int as n, count(distinct seq)::int as distinct, (max(seq) - min(seq) + 1)::int as span
    from tickets where hall_date = (now() at time zone ${ctx.hallTz})::date and transferred_from_id is null group by prefix`;
  return { prefixes: rows.length, ok: rows.every((r) => r.n === r.distinct && r.n === r.span) };
}

export async function morningRush(ctx: BenchContext): Promise<ScenarioResult> {
  const services = await rushServices(ctx);
  const api = await ctx.startApi();
  const target = rushTarget(api, services);
  await emptyLines(ctx, services);
  await peak(target, RUSH_CLIENTS, 2);
  const runs: number[] = [];
  const tpsRuns: number[] = [];
  let errors = 0;
  const statuses: PeakResult['statuses'][] = [];
  const { id: anyService } = first(await ctx.handle.sql<{ id: number }[]>`select id from services order by id limit 1`);
  for (let i = 0; i < ctx.runs; i++) {
    await emptyLines(ctx, services);
    const r = await peak(target, RUSH_CLIENTS, ctx.seconds);
    runs.push(r.rps);
    errors += r.errors;
    statuses.push(r.statuses);
    tpsRuns.push(await pgbench('issue.sql', 16, ctx.seconds, { service: anyService! }));
  }
  const figure = measured(runs);
  const baseline = measured(tpsRuns);
  await emptyLines(ctx, services);
  const latency = await openLoop(target, figure.value * 0.7, ctx.seconds, RUSH_CLIENTS);
  errors += latency.errors;
  const numbers = await numbersConsecutive(ctx);
  const ratio = figure.value / baseline.value;
  const pass = ratio >= 0.5 && latency.p99Ms <= 50 && numbers.ok && errors === 0;
  ctx.log(`morning-rush: ${figure.value.toFixed(0)} tickets/s vs ${baseline.value.toFixed(0)} tps bare (${ratio.toFixed(2)}×); p99 at 70 %: ${latency.p99Ms.toFixed(1)} ms; numbers ${numbers.ok ? 'consecutive' : 'NOT consecutive'}; ${errors} errors`);
  return {
    name: 'morning-rush',
    unit: 'tickets/s',
    figure: figure.value,
    baseline: baseline.value,
    ratio,
    target: '≥ 0.5× tps; p99 ≤ 50 ms at 70 %; numbers unique and consecutive; 0 errors',
    pass,
    details: { clients: RUSH_CLIENTS, services: services.length, runs: { api: figure.runs, pgbench: baseline.runs }, spreadPct: { api: figure.spreadPct, pgbench: baseline.spreadPct }, latencyAt70Pct: latency, numbers, errors, statuses },
  };
}

const CALL_WINDOWS = 16;

/** 16 windows calling next on one shared line of 20,000 tickets, against a bare SKIP LOCKED claim. */
export async function callNext(ctx: BenchContext): Promise<ScenarioResult> {
  const lineSize = ctx.quick ? 2000 : 20_000;
  const line = await createLine(ctx.handle, ctx.hallTz, CALL_WINDOWS, lineSize);
  const api = await ctx.startApi();
  const called: string[] = [];
  const runs: number[] = [];
  let errors = 0;
  const { sql } = ctx.handle;
  for (let run = 0; run < ctx.runs + 1; run++) {
    const seconds = run === 0 ? 2 : ctx.seconds; // the first is a warm-up
    const until = performance.now() + seconds * 1000;
    let calls = 0;
    await Promise.all(
      line.windows.map(async (w) => {
        while (performance.now() < until) {
          const res = await fetch(`${api.url}/api/windows/${w.id}/call-next`, { method: 'POST', headers: { cookie: w.cookie, origin: api.url } });
          if (res.status === 204) return;
          if (res.status !== 200) {
            errors++;
            await res.arrayBuffer();
            continue;
          }
          const { id } = (await res.json()) as { id: string };
          if (run > 0) calls++;
          called.push(id);
          // The holder did not come: the window is free again. Straight in SQL, so the figure is call-next's alone.
          await sql`update tickets set status = 'no_show', finished_at = now() where id = ${id}`;
        }
      }),
    );
    if (run > 0) runs.push(calls / seconds);
    const { left } = first(await sql<{ left: number }[]>`select count(*)::int as left from tickets where service_id = ${line.serviceId} and status = 'waiting'`);
    if (left < 3000 && !ctx.quick) await addToLine(ctx.handle, ctx.hallTz, line.serviceId, line.prefix, 10_000);
  }
  const { twice } = first(await sql<{ twice: number }[]>`
    select count(*)::int as twice from (select ticket_id from ticket_events e join tickets t on t.id = e.ticket_id
      where t.service_id = ${line.serviceId} and e.type = 'called' group by ticket_id having count(*) > 1) x`);
  const { events } = first(await sql<{ events: number }[]>`
    select count(*)::int as events from ticket_events e join tickets t on t.id = e.ticket_id where t.service_id = ${line.serviceId} and e.type = 'called'`);

  const bareRuns: number[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    await sql`drop table if exists bench_claim`;
    await sql`create table bench_claim as select g as id, g as seq, 'waiting'::text as status from generate_series(1, ${lineSize}) g`;
    await sql`alter table bench_claim add primary key (id)`;
    await sql`create index on bench_claim (seq) where status = 'waiting'`;
    bareRuns.push(await pgbench('claim.sql', CALL_WINDOWS, ctx.seconds));
  }
  await sql`drop table if exists bench_claim`;
  const figure = measured(runs);
  const baseline = measured(bareRuns);
  const ratio = figure.value / baseline.value;
  const onceEach = twice === 0 && events === called.length && new Set(called).size === called.length;
  ctx.log(`call-next: ${figure.value.toFixed(0)} calls/s vs ${baseline.value.toFixed(0)} bare claims/s (${ratio.toFixed(2)}×); ${onceEach ? 'every ticket called once' : 'SOME TICKET CALLED TWICE'}`);
  return {
    name: 'call-next',
    unit: 'calls/s',
    figure: figure.value,
    baseline: baseline.value,
    ratio,
    target: '≥ 0.5×; every ticket called exactly once',
    pass: ratio >= 0.5 && onceEach && errors === 0,
    details: { windows: CALL_WINDOWS, line: lineSize, runs: { api: figure.runs, pgbench: baseline.runs }, spreadPct: { api: figure.spreadPct, pgbench: baseline.spreadPct }, called: called.length, calledTwice: twice, errors },
  };
}

/** The morning rush against two API processes and one worker, against the same on one process. */
export async function twoProcesses(ctx: BenchContext): Promise<ScenarioResult> {
  const services = await rushServices(ctx);
  // Not pinned: two processes on a 2-core machine is the point.
  const one = await ctx.startApi({ cpu: null });
  const both = async (targets: LoadTarget[]) => {
    const results = await Promise.all(targets.map((t) => peak(t, RUSH_CLIENTS / targets.length, ctx.seconds)));
    const statuses: Record<string, number> = {};
    for (const r of results) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
    if (Object.keys(statuses).some((code) => Number(code) >= 400) || results.some((r) => r.rps === 0)) ctx.log(`two-processes: answers ${JSON.stringify(statuses)}, errors ${results.map((r) => r.errors).join(" + ")}`);
    return { rps: results.reduce((a, r) => a + r.rps, 0), errors: results.reduce((a, r) => a + r.errors, 0) };
  };
  const single: number[] = [];
  let errors = 0;
  await emptyLines(ctx, services);
  await peak(rushTarget(one, services), RUSH_CLIENTS, 2);
  for (let i = 0; i < ctx.runs; i++) {
    await emptyLines(ctx, services);
    const r = await both([rushTarget(one, services), rushTarget(one, services)]);
    single.push(r.rps);
    errors += r.errors;
  }
  await one.stop();
  const a = await ctx.startApi({ cpu: null });
  const b = await ctx.startApi({ cpu: null });
  await ctx.startWorker({ cpu: null });
  await emptyLines(ctx, services);
  await both([rushTarget(a, services), rushTarget(b, services)]);
  const double: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    await emptyLines(ctx, services);
    const r = await both([rushTarget(a, services), rushTarget(b, services)]);
    double.push(r.rps);
    errors += r.errors;
  }
  const numbers = await numbersConsecutive(ctx);
  const figure = measured(double);
  const baseline = measured(single);
  const ratio = figure.value / baseline.value;
  ctx.log(`two-processes: ${figure.value.toFixed(0)} tickets/s on two API processes vs ${baseline.value.toFixed(0)} on one (${ratio.toFixed(2)}×)`);
  return {
    name: 'two-processes',
    unit: 'tickets/s',
    figure: figure.value,
    baseline: baseline.value,
    ratio,
    target: '≥ 1.3×',
    pass: ratio >= 1.3 && errors === 0 && numbers.ok,
    details: { runs: { twoProcesses: figure.runs, oneProcess: baseline.runs }, spreadPct: { two: figure.spreadPct, one: baseline.spreadPct }, numbers, errors },
  };
}
