import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../server/src/app.ts';
import { loadConfig, type Config } from '../server/src/config.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { TEST_REDIS_URL } from './env.ts';
import { deleteRedisPrefix, testRedisPrefix } from './redis.ts';

export interface TestContext {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
}

/** Config for a test: its own database and Redis prefix, a free port, no UI unless asked. */
export function testConfig(overrides: Record<string, string> = {}, database?: TestDatabase): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database?.url ?? 'postgres://postgres@127.0.0.1:5432/unused',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
    PORT: '0',
    HOST: '127.0.0.1',
    SERVE_UI: 'false',
    ...overrides,
  });
}

/**
 * Registers hooks that give this test file an app on a fresh database (cloned from the seeded template)
 * and a Redis prefix of its own, and clean both up afterwards.
 */
export function useTestApp(overrides: Record<string, string> = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.config = testConfig(overrides, ctx.database);
    ctx.app = await buildApp(ctx.config);
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await deleteRedisPrefix(ctx.config.redisPrefix);
    await ctx.database?.drop();
  });
  return ctx;
}
