// npm run bench: the hall's peak hours against this machine's own limits, measured in the same run.
// Every scenario runs against real server processes (NODE_ENV=production, the demo data, no UIs)
// on the real Postgres and Redis, next to a baseline of the bare limit; it prints both and their
// ratio, checks what it did in SQL, and writes bench/results/latest.{json,md}. Not a test; never in CI.
//   npm run bench                     all eight scenarios (about 12 minutes)
//   npm run bench -- --only call-next,read-windows
//   npm run bench -- --quick          a short smoke run of the harness itself
import { cpus } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { makeContext } from './lib/context.ts';
import { BENCH_DB_URL, REDIS_PREFIX, REDIS_URL, freshBenchDatabase } from './lib/hall.ts';
import { LOAD_CPU, type Proc } from './lib/processes.ts';
import { table, writeResults, type ScenarioResult } from './lib/report.ts';
import { boardSnapshot } from './scenarios/board-snapshot.ts';
import { bookingStorm } from './scenarios/booking-storm.ts';
import { readSearch, readWindows } from './scenarios/reads.ts';
import { boardFanout, idleSockets } from './scenarios/sockets.ts';
import { lockImport } from './scenarios/lock-import.ts';
import { callNext, morningRush, twoProcesses } from './scenarios/writes.ts';
import type { BenchContext } from './lib/context.ts';

// The load generator (this process) runs on its own core, the servers on another.
if (process.env.BENCH_PINNED !== '1') {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync('taskset', ['-c', LOAD_CPU, process.execPath, '--import', 'tsx', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  process.exit(result.status ?? 1);
}

const SCENARIOS: [string, (ctx: BenchContext) => Promise<ScenarioResult>][] = [
  ['read-windows', readWindows],
  ['read-search', readSearch],
  ['board-snapshot', boardSnapshot],
  ['morning-rush', morningRush],
  ['call-next', callNext],
  ['board-fanout', boardFanout],
  ['two-processes', twoProcesses],
  ['booking-storm', bookingStorm],
  ['lock-import', lockImport],
  // Last: its 20,000 closed loopback connections sit in TIME_WAIT for a minute, which starved the
  // next scenario's connections (two-processes read 0 tickets/s after it, 165 alone).
  ['idle-sockets', idleSockets],
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',') : null;
const hallTz = process.env.HALL_TZ ?? 'Asia/Shanghai';
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

log(`bench database ${BENCH_DB_URL.replace(/\/\/[^@]*@/, '//')} (recreated), Redis prefix ${REDIS_PREFIX}`);
const handle = await freshBenchDatabase();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown CPU',
  node: process.version,
  postgres: String((await handle.sql<{ v: string }[]>`select version() as v`)[0]!.v).split(' on ')[0],
  redis: await (async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    const info = await redis.info('server');
    redis.disconnect();
    return /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  })(),
};

const started = Date.now();
const results: ScenarioResult[] = [];
for (const [name, run] of SCENARIOS) {
  if (only && !only.includes(name)) continue;
  const tracked: Proc[] = [];
  const ctx = makeContext({ handle, hallTz, runs: quick ? 1 : 3, seconds: quick ? 2 : 5, quick, log }, tracked);
  log(`${name}…`);
  try {
    results.push(await run(ctx));
  } catch (err) {
    log(`${name} failed: ${(err as Error).stack ?? String(err)}`);
    results.push({ name, unit: '', figure: 0, baseline: 0, ratio: 0, target: '', pass: false, details: {}, error: (err as Error).message });
  } finally {
    await Promise.all(tracked.map((p) => p.stop().catch(() => {})));
  }
}

const redis = new Redis(REDIS_URL);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== '0');
redis.disconnect();
await handle.close();

console.log(`\n${table(results)}\n`);
console.log(`${results.filter((r) => r.pass).length} of ${results.length} targets met in ${Math.round((Date.now() - started) / 1000)} s`);
if (!quick && !only) writeResults(results, machine);
else console.log('(a partial or quick run: bench/results/ left as it was)');
