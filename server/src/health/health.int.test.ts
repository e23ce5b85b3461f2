import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig, useTestApp } from '../../../test-support/app.ts';
import { scratchPostgres, scratchRedis, type ScratchPostgres, type ScratchRedis } from '../../../test-support/scratch-services.ts';

/** Polls until `check` passes or `ms` runs out; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe('GET /api/health with everything up', () => {
  const ctx = useTestApp();
  it('reports ok, db up and redis up', async () => {
    const res = await ctx.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });
});

describe('GET /api/health while Postgres stops and comes back', () => {
  let pg: ScratchPostgres;
  beforeAll(async () => {
    pg = await scratchPostgres();
  });
  afterAll(() => pg?.destroy());

  it('answers 503 within 2 s of Postgres stopping and recovers on its own', async () => {
    const app = await buildApp(testConfig({ DATABASE_URL: pg.url }));
    try {
      expect((await app.inject('/api/health')).statusCode).toBe(200);

      pg.stop();
      const started = Date.now();
      const res = await app.inject('/api/health');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', db: 'down', redis: 'up' });

      pg.start();
      await within(5000, async () => (await app.inject('/api/health')).statusCode === 200);
      expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    } finally {
      await app.close();
    }
  });
});

describe('GET /api/health while Redis stops and comes back', () => {
  let redis: ScratchRedis;
  beforeAll(async () => {
    redis = await scratchRedis();
    await redis.start();
  });
  afterAll(() => redis?.stop());
  const ctx = useTestApp();

  it('answers 503 within 2 s of Redis stopping and recovers on its own', async () => {
    const app = await buildApp({ ...ctx.config, redisUrl: redis.url });
    try {
      await within(3000, async () => (await app.inject('/api/health')).statusCode === 200);

      redis.stop();
      const started = Date.now();
      const res = await app.inject('/api/health');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ db: 'up', redis: 'down' });

      await redis.start();
      await within(5000, async () => (await app.inject('/api/health')).statusCode === 200);
    } finally {
      await app.close();
    }
  });

  it('boots while Redis is down and turns healthy once Redis comes up', async () => {
    redis.stop();
    const app = await buildApp({ ...ctx.config, redisUrl: redis.url });
    try {
      expect((await app.inject('/api/health')).json()).toMatchObject({ db: 'up', redis: 'down' });
      await redis.start();
      await within(5000, async () => (await app.inject('/api/health')).statusCode === 200);
    } finally {
      await app.close();
    }
  });
});
