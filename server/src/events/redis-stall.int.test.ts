import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../../../test-support/app.ts';
import { asCookie } from '../../../test-support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import { scratchRedis, type ScratchRedis } from '../../../test-support/scratch-services.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';

/**
 * A stalled Redis (CLIENT PAUSE on a throw-away server) must not hold a committed change: Postgres
 * has it at once, the response goes at once, and the board hears of it when Redis is back.
 */
let redis: ScratchRedis;
let database: TestDatabase;
let app: FastifyInstance;
let baseUrl: string;
let board: LiveProbe | undefined;
const COMMAND_TIMEOUT_MS = 300;

beforeAll(async () => {
  redis = await scratchRedis();
  await redis.start();
  database = await createTestDatabase();
  app = await buildApp(testConfig({ REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) }, database));
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  board?.close();
  await app?.close();
  redis?.stop();
  await database?.drop();
});

async function pauseRedis(ms: number, mode: 'WRITE' | 'ALL') {
  const admin = new Redis(redis.url);
  await admin.call('CLIENT', 'PAUSE', String(ms), mode);
  admin.disconnect();
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

describe('a stalled Redis', () => {
  it('holds no committed change: the responses come at once, the rows are there, and the board catches up after', async () => {
    const clerk = await openWindow(app, 'clerk08', 8);
    const letter = await serviceId(app, 'w08-household-certificate');
    board = await connectLive(baseUrl);
    await board.subscribe('board');
    const from = board.messages.length;

    await pauseRedis(4000, 'WRITE');
    // A rate-limited route: the limiter's script is a write, refused after the command timeout.
    const issued = await timed(() => kioskIssue(app, letter));
    expect(issued.result.statusCode).toBe(201);
    expect(issued.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 700);
    const ticketId = issued.result.json<{ id: string }>().id;
    expect((await app.pg.sql`select status from tickets where id = ${ticketId}`)[0]!.status).toBe('waiting');

    const paused = await timed(() => app.inject({ method: 'PATCH', url: `/api/windows/${clerk.windowId}/session`, headers: asCookie(clerk.token), payload: { status: 'paused' } }));
    expect(paused.result.statusCode).toBe(200);
    expect(paused.ms).toBeLessThan(500);
    expect((await app.pg.sql`select status from window_sessions where id = ${paused.result.json<{ id: number }>().id}`)[0]!.status).toBe('paused');
    // Nothing reached the board while Redis could not publish.
    expect(board.messages.slice(from).some((m) => m.type === 'event')).toBe(false);

    // Redis back: the outbox sweep delivers both, in order, once each.
    await board.waitFor((m) => m.event?.type === 'window.paused', 10_000, from);
    const events = board.messages.slice(from).filter((m) => m.type === 'event').map((m) => m.event!.type);
    expect(events).toEqual(['ticket.issued', 'window.paused']);
  }, 30_000);

  it('answers health within its probe time while Redis takes no command at all', async () => {
    await pauseRedis(3000, 'ALL');
    const health = await timed(() => app.inject('/api/health'));
    expect(health.ms).toBeLessThan(1500);
    expect(health.result.json()).toMatchObject({ db: 'up', redis: 'down' });
    await expect.poll(async () => (await app.inject('/api/health')).statusCode, { timeout: 8000, interval: 250 }).toBe(200);
  }, 20_000);
});
