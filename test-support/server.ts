import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type BuildOptions } from '../server/src/app.ts';
import type { Config } from '../server/src/config.ts';
import { testConfig } from './app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { deleteRedisPrefix } from './redis.ts';

export interface ListeningContext {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  baseUrl: string;
}

/**
 * Like useTestApp, but listening on a real port and serving the built UIs, for browser tests.
 * `options.clock` (a `movableClock()`'s) lets a test move the hour the check-in and due rules see.
 */
export function useListeningApp(overrides: Record<string, string> = {}, options: Pick<BuildOptions, 'clock'> = {}): ListeningContext {
  const ctx = {} as ListeningContext;
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.config = testConfig({ SERVE_UI: 'true', ...overrides }, ctx.database);
    ctx.app = await buildApp(ctx.config, options);
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    ctx.baseUrl = address;
  });
  afterAll(async () => {
    await ctx.app?.close();
    await deleteRedisPrefix(ctx.config.redisPrefix);
    await ctx.database?.drop();
  });
  return ctx;
}
