import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.ts';
import { TEST_REDIS_URL } from '../../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../test-support/redis.ts';
import { Queue } from 'bullmq';
import { bullPrefix, heartbeatKey } from './queues.ts';
import { startWorkers } from './worker.ts';

const prefix = testRedisPrefix();
const RETENTION = { hallEventsDays: 30, sessionsDays: 7, sessionIdleMinutes: 120, notificationsDays: 30, pruneEveryMinutes: 60 };
const redis = new Redis(TEST_REDIS_URL);
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  redis.disconnect();
  await deleteRedisPrefix(prefix);
  await database?.drop();
});

describe('workers', () => {
  it('process the heartbeat job through BullMQ and clean up on close', async () => {
    const workers = await startWorkers({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, heartbeatEvery: 1, databaseUrl: database.url, hallTz: 'Asia/Shanghai', expireEvery: 3600, retention: RETENTION });
    const key = heartbeatKey(prefix, workers.workerId);
    try {
      let seen: string | null = null;
      for (let i = 0; i < 50 && !seen; i++) {
        seen = await redis.get(key);
        if (!seen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).not.toBeNull();
      expect(Date.parse(seen!)).toBeGreaterThan(Date.now() - 10_000);
      expect(await redis.ttl(key)).toBeGreaterThan(0);
      // Jobs live under the app's prefix, so two halls (or test files) sharing a Redis never mix.
      expect((await redis.keys(`${prefix}bull:maintenance:*`)).length).toBeGreaterThan(0);
      // The appointments' sweeper runs every minute, the reminders' repair on its own schedule.
      const appointments = new Queue('appointments', { connection: redis, prefix: bullPrefix(prefix) });
      const sweep = await appointments.getJobScheduler('appointments.sweep');
      expect(sweep).toMatchObject({ every: 60_000 });
      expect(await appointments.getJobScheduler('appointments.reminders.sync')).toBeTruthy();
      await appointments.close();
    } finally {
      await workers.close();
    }
    expect(await redis.get(key)).toBeNull();
  });
});
