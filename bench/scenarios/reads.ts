import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { openLoop, peak, type LoadTarget } from '../lib/http-load.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { measured } from '../lib/stats.ts';

const CONNECTIONS = 50;

/**
 * A read every phone, kiosk and TV makes, against a bare server: its peak with 50 connections
 * (closed loop), then its latency at 70 % of that peak (open loop), runs alternating so drift hits
 * both alike.
 */
async function readScenario(ctx: BenchContext, name: string, api: LoadTarget, bare: LoadTarget, p99Limit: number | null): Promise<ScenarioResult> {
  await peak(api, CONNECTIONS, 2);
  await peak(bare, CONNECTIONS, 2);
  const apiRuns: number[] = [];
  const bareRuns: number[] = [];
  let errors = 0;
  for (let i = 0; i < ctx.runs; i++) {
    const a = await peak(api, CONNECTIONS, ctx.seconds);
    const b = await peak(bare, CONNECTIONS, ctx.seconds);
    apiRuns.push(a.rps);
    bareRuns.push(b.rps);
    errors += a.errors + b.errors;
  }
  const figure = measured(apiRuns);
  const baseline = measured(bareRuns);
  const apiLatency = await openLoop(api, figure.value * 0.7, ctx.seconds, CONNECTIONS);
  const bareLatency = await openLoop(bare, baseline.value * 0.7, ctx.seconds, CONNECTIONS);
  errors += apiLatency.errors + bareLatency.errors;
  const ratio = figure.value / baseline.value;
  const p99Ratio = apiLatency.p99Ms / bareLatency.p99Ms;
  const pass = errors === 0 && ratio >= 0.7 && (p99Limit === null || p99Ratio <= p99Limit);
  ctx.log(`${name}: ${figure.value.toFixed(0)} req/s vs ${baseline.value.toFixed(0)} bare (${ratio.toFixed(2)}×); p99 at 70 %: ${apiLatency.p99Ms.toFixed(2)} ms vs ${bareLatency.p99Ms.toFixed(2)} ms`);
  return {
    name,
    unit: 'req/s',
    figure: figure.value,
    baseline: baseline.value,
    ratio,
    target: p99Limit === null ? '≥ 0.7× req/s' : `≥ 0.7× req/s; p99 ≤ ${p99Limit}×`,
    pass,
    details: {
      connections: CONNECTIONS,
      runs: { api: figure.runs, bare: baseline.runs },
      spreadPct: { api: figure.spreadPct, bare: baseline.spreadPct },
      latencyAt70Pct: { api: apiLatency, bare: bareLatency, p99Ratio },
      errors,
    },
  };
}

export async function readWindows(ctx: BenchContext): Promise<ScenarioResult> {
  const api = await ctx.startApi();
  const res = await fetch(`${api.url}/api/windows`);
  const file = path.join(tmpdir(), `bench-windows-${process.pid}.json`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const bare = await ctx.startBaseline('bench/baselines/http-bytes.ts', [file, res.headers.get('content-type') ?? 'application/json']);
  return readScenario(ctx, 'read-windows', { url: `${api.url}/api/windows` }, { url: `${bare.url}/api/windows` }, 1.5);
}

export async function readSearch(ctx: BenchContext): Promise<ScenarioResult> {
  const api = await ctx.startApi();
  const bare = await ctx.startBaseline('bench/baselines/http-search.ts', []);
  const q = `/api/services?q=${encodeURIComponent('补办')}`;
  const [a, b] = await Promise.all([fetch(api.url + q).then((r) => r.json()), fetch(bare.url + q).then((r) => r.json())]);
  if (JSON.stringify((a as { items: unknown[] }).items.length) !== JSON.stringify((b as { items: unknown[] }).items.length)) {
    throw new Error('the baseline search answers a different list than the API');
  }
  return readScenario(ctx, 'read-search', { url: api.url + q }, { url: bare.url + q }, null);
}
