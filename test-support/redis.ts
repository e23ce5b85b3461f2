import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './env.ts';

/** A key prefix of its own per test file; everything under it is deleted afterwards. */
export function testRedisPrefix(): string {
  return `test:${randomBytes(4).toString('hex')}:`;
}

export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis may be down on purpose in a failure test; leftovers expire with the test machine.
  } finally {
    redis.disconnect();
  }
}
