import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { useTestApp, testConfig } from '../../../test-support/app.ts';
import { openWindow, windowId } from '../../../test-support/factories.ts';
import { asCookie } from '../../../test-support/auth.ts';
import { listWindows, hallNow } from './window-queries.ts';

/**
 * The window list is served from a per-process cache: what it says must be what the tables say,
 * at once after this process's own change and soon after anyone else's.
 */
const ctx = useTestApp();
let other: FastifyInstance;
beforeAll(async () => {
  // A second API process on the same database.
  other = await buildApp(testConfig({}, ctx.database));
  await other.ready();
});
afterAll(async () => other?.close());

type Listed = { windows: { number: number; open: boolean; session: string | null }[] };
const list = async (app: FastifyInstance) => (await app.inject('/api/windows')).json<Listed>();
const window = (body: Listed, number: number) => body.windows.find((w) => w.number === number)!;

describe('the cached window list', () => {
  it('equals a fresh read of the tables, field for field', async () => {
    await list(ctx.app);
    const cached = await list(ctx.app);
    const fresh = await listWindows(ctx.app.db, ctx.config.hallTz, hallNow(ctx.config.hallTz));
    expect(cached.windows).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(cached.windows.length).toBeGreaterThan(10);
  });

  it('shows a clerk’s session at once in this process, and in another process within moments', async () => {
    expect(window(await list(ctx.app), 7).session).toBeNull();
    expect(window(await list(other), 7).session).toBeNull();
    const { token, windowId: id } = await openWindow(ctx.app, 'clerk07', 7);
    expect(window(await list(ctx.app), 7)).toMatchObject({ session: 'open', open: true });
    await expect.poll(async () => window(await list(other), 7).session, { timeout: 3000 }).toBe('open');

    const paused = await ctx.app.inject({ method: 'PATCH', url: `/api/windows/${id}/session`, headers: asCookie(token), payload: { status: 'paused' } });
    expect(paused.statusCode).toBe(200);
    expect(window(await list(ctx.app), 7).session).toBe('paused');
    await expect.poll(async () => window(await list(other), 7).session, { timeout: 3000 }).toBe('paused');
    const closed = await ctx.app.inject({ method: 'PATCH', url: `/api/windows/${id}/session`, headers: asCookie(token), payload: { status: 'closed' } });
    expect(closed.statusCode).toBe(200);
    expect(window(await list(ctx.app), 7).session).toBeNull();
    await expect.poll(async () => window(await list(other), 7).session, { timeout: 3000 }).toBeNull();
  });

  it('hears of a change written straight to the tables', async () => {
    const id = await windowId(ctx.app, 8);
    await list(ctx.app);
    await ctx.app.pg.sql`update windows set name_zh = '测试改名' where id = ${id}`;
    await expect.poll(async () => (await list(ctx.app)).windows.find((w) => w.number === 8) as unknown as { nameZh: string }, { timeout: 3000 })
      .toMatchObject({ nameZh: '测试改名' });
  });
});
