import { Redis, type RedisOptions } from 'ioredis';

/** BullMQ workers need blocking commands to wait forever (maxRetriesPerRequest null). */
export function workerConnection(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...overrides,
  });
}

/** Producers should fail fast instead of queueing commands while Redis is down. */
export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}
