// Baseline: the board snapshot's own SQL run bare — `concurrency` reads at once, `rounds` times,
// through a pool like the server's. Prints the reads per second as JSON.
import { createDb } from '@campus/db';
import { boardSnapshot } from '../../server/src/live/snapshots.ts';

const [concurrency, rounds, hallTz] = process.argv.slice(2);
const handle = createDb(process.env.DATABASE_URL!, { applicationName: 'bench-baseline' });
for (let i = 0; i < 3; i++) await boardSnapshot(handle.db, hallTz!);
const started = performance.now();
for (let r = 0; r < Number(rounds); r++) {
  await Promise.all(Array.from({ length: Number(concurrency) }, () => boardSnapshot(handle.db, hallTz!)));
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rate: (Number(concurrency) * Number(rounds)) / seconds }));
await handle.close();
