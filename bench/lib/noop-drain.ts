// The lock-import baseline: BullMQ itself draining the same jobs with handlers that do nothing.
// `tsx bench/lib/noop-drain.ts <queues> <jobs per queue> <concurrency>`; prints "drained in <ms> ms".
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [queueCount, perQueue, concurrency] = process.argv.slice(2).map(Number) as [number, number, number];
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${process.env.REDIS_PREFIX ?? 'bench:'}noop`;
const connection = new Redis(url, { maxRetriesPerRequest: null });
const queues = Array.from({ length: queueCount }, (_, i) => new Queue(`noop-${i}`, { connection, prefix }));
// Jobs shaped like the door pushes (ids, priority, attempts, kept when done), added before the clock starts.
for (const [i, q] of queues.entries()) {
  await q.addBulk(
    Array.from({ length: perQueue }, (_, j) => ({
      name: 'push',
      data: { commandId: i * perQueue + j, cardNumber: `B${j}`, door: `D${i}`, version: 1 },
      opts: { jobId: `noop.${i}.${j}.v1`, priority: 2, attempts: 10, removeOnComplete: 1000, removeOnFail: 1000 },
    })),
  );
}
let done = 0;
const total = queueCount * perQueue;
const started = performance.now();
const finished = new Promise<void>((resolve) => {
  const workers = queues.map(
    (q) =>
      new Worker(q.name, async () => ({}), { connection: new Redis(url, { maxRetriesPerRequest: null }), prefix, concurrency }).on('completed', () => {
        if (++done === total) resolve();
      }),
  );
  void workers;
});
await finished;
console.log(`drained in ${Math.round(performance.now() - started)} ms`);
await Promise.all(queues.map((q) => q.obliterate({ force: true }).catch(() => {})));
process.exit(0);
