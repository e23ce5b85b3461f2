// npm run bench: speed of the hot read paths, as ratios against this machine's own baseline
// (a bare `select 1` round trip through the same pool), so numbers compare across machines.
// Uses DATABASE_URL (default: the npm start database), preparing it first. Not a test: nothing fails.
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { boardSnapshot } from '../server/src/live/snapshots.ts';
import { prepareDatabase } from '../server/src/server.ts';

const DURATION_MS = Number(process.env.BENCH_MS ?? 2000);
const CONCURRENCY = 8;

async function measure(label: string, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await op(); // warm-up
  let done = 0;
  const until = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await op();
        done++;
      }
    }),
  );
  const perSecond = (done * 1000) / DURATION_MS;
  console.log(`${label.padEnd(44)} ${perSecond.toFixed(0).padStart(8)} /s`);
  return perSecond;
}

const config = { ...loadConfig(), logLevel: 'silent' as const, serveUi: false };
await prepareDatabase(config);
const app = await buildApp(config);
await app.ready();

const inject = (url: string) => async () => {
  const res = await app.inject(url);
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
};

const baseline = await measure('baseline: select 1 through the pool', () => app.db.execute(sql`select 1`));
const cases: [string, string][] = [
  ['GET /api/services?q=补办', `/api/services?q=${encodeURIComponent('补办')}`],
  ['GET /api/services?q=校园卡 挂失 (two terms)', `/api/services?q=${encodeURIComponent('校园卡 挂失')}`],
  ['GET /api/services (all, no query)', '/api/services?limit=200'],
  ['GET /api/services/:id (materials, steps, hours)', '/api/services/1'],
  ['GET /api/windows (open state of 18 windows)', '/api/windows'],
];
console.log('');
for (const [label, url] of cases) {
  const rate = await measure(label, inject(url));
  console.log(`${''.padEnd(44)} ratio to baseline: 1 : ${(baseline / rate).toFixed(1)}`);
}
// What every lobby board reads when it (re)connects: one repeatable-read transaction.
const rate = await measure('board snapshot (windows, counts, calls)', () => boardSnapshot(app.db, config.hallTz));
console.log(`${''.padEnd(44)} ratio to baseline: 1 : ${(baseline / rate).toFixed(1)}`);
await app.close();
