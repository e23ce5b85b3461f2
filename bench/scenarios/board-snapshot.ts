import type { BenchContext } from '../lib/context.ts';
import { runCommand, SERVER_CPU } from '../lib/processes.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { measured } from '../lib/stats.ts';
import { openFleet } from '../lib/ws-load.ts';
import { BENCH_DB_URL } from '../lib/hall.ts';

const TVS = 200;
const ROUNDS = 5;

/** Every TV of the hall (re)subscribing at once — after a restart — against the snapshot's SQL run bare. */
export async function boardSnapshot(ctx: BenchContext): Promise<ScenarioResult> {
  const api = await ctx.startApi();
  const fleet = await openFleet(`${api.url.replace('http', 'ws')}/ws`, TVS, { topic: () => 'board' });
  const rates: number[] = [];
  try {
    for (let run = 0; run < ctx.runs; run++) {
      const started = performance.now();
      for (let round = 0; round < ROUNDS; round++) {
        const before = fleet.sockets.map((s) => s.snapshots);
        for (const s of fleet.sockets) s.ws.send('{"type":"subscribe","topic":"board"}');
        await new Promise<void>((resolve) => {
          const check = () => (fleet.sockets.every((s, i) => s.snapshots > before[i]!) ? resolve() : setTimeout(check, 1));
          check();
        });
      }
      rates.push((TVS * ROUNDS) / ((performance.now() - started) / 1000));
    }
  } finally {
    fleet.close();
  }
  const bareRuns: number[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    const out = await runCommand([process.execPath, '--import', 'tsx', 'bench/baselines/snapshot-bare.ts', String(TVS), String(ROUNDS), ctx.hallTz], {
      cpu: SERVER_CPU,
      env: { DATABASE_URL: BENCH_DB_URL },
    });
    bareRuns.push((JSON.parse(out.trim().split('\n').at(-1)!) as { rate: number }).rate);
  }
  const figure = measured(rates);
  const baseline = measured(bareRuns);
  const ratio = figure.value / baseline.value;
  ctx.log(`board-snapshot: ${figure.value.toFixed(0)} snapshots/s to ${TVS} sockets vs ${baseline.value.toFixed(0)}/s bare SQL (${ratio.toFixed(2)}×)`);
  return {
    name: 'board-snapshot',
    unit: 'snapshots/s',
    figure: figure.value,
    baseline: baseline.value,
    ratio,
    target: '≥ 0.7×',
    pass: ratio >= 0.7,
    details: { tvs: TVS, roundsPerRun: ROUNDS, runs: { api: figure.runs, bare: baseline.runs }, spreadPct: { api: figure.spreadPct, bare: baseline.spreadPct } },
  };
}
