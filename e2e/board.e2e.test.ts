import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/src/app.ts';
import type { Config } from '../server/src/config.ts';
import { testConfig } from '../test-support/app.ts';
import { asCookie, sessionFor } from '../test-support/auth.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/db.ts';
import { kioskIssue, openWindow, serviceId } from '../test-support/factories.ts';
import { deleteRedisPrefix } from '../test-support/redis.ts';
import { scratchRedis, type ScratchRedis } from '../test-support/scratch-services.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** One server "process": built, listening, and closable, so a test can restart it on the same port. */
class Server {
  app!: FastifyInstance;
  url = '';
  constructor(readonly config: Config) {}
  async start(port = 0) {
    this.app = await buildApp({ ...this.config, port });
    this.url = await this.app.listen({ host: '127.0.0.1', port });
    return this;
  }
  async stop() {
    await this.app.close();
  }
  get port() {
    return Number(new URL(this.url).port);
  }
}

/** A board in a fresh browser; `tvClockOffsetMs` sets the TV's own clock that far off the real time. */
async function openBoard(url: string, query = '', tvClockOffsetMs = 0): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  if (tvClockOffsetMs !== 0) await context.clock.install({ time: Date.now() + tvClockOffsetMs });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) page.errors.push(msg.text());
  });
  await page.goto(`${url}/board${query}`);
  await connection(page, 'live');
  return page;
}

const connection = (page: Page, state: string, timeout = 10_000) =>
  page.locator(`[data-testid="board-connection"][data-state="${state}"]`).waitFor({ state: 'attached', timeout });

const currentAt = (page: Page, windowNumber: number) =>
  page.locator(`[data-testid="board-window"][data-window-number="${windowNumber}"] [data-testid="board-window-current"]`);

async function issue(app: FastifyInstance, serviceCode: string) {
  const issued = await kioskIssue(app, await serviceId(app, serviceCode));
  expect(issued.statusCode).toBe(201);
}

/** The clerk calls the next ticket; returns its number and when the call returned. */
async function callNext(app: FastifyInstance, clerk: { token: string; windowId: number }) {
  const res = await app.inject({ method: 'POST', url: `/api/windows/${clerk.windowId}/call-next`, headers: asCookie(clerk.token) });
  expect(res.statusCode).toBe(200);
  const called = res.json<{ id: string; number: string }>();
  return { ...called, at: Date.now() };
}

async function noShow(app: FastifyInstance, token: string, ticketId: string) {
  const res = await app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/no-show`, headers: asCookie(token) });
  expect(res.statusCode).toBe(200);
}

/** Moves a call's outbox event (what board snapshots list) and the ticket's call time back by `ms`. */
async function ageCall(app: FastifyInstance, ticketId: string, ms: number) {
  const moved = await app.pg.sql`update hall_events set created_at = created_at - ${`${ms} milliseconds`}::interval
    where type = 'ticket.called' and payload->>'ticketId' = ${ticketId} returning seq`;
  expect(moved).toHaveLength(1);
  await app.pg.sql`update tickets set called_at = called_at - ${`${ms} milliseconds`}::interval where id = ${ticketId}`;
}

/** Minutes since the hall's midnight: an aged call must still be today's to be listed at all. */
async function minutesIntoHallDay(app: FastifyInstance, timeZone: string) {
  const [row] = await app.pg.sql`select extract(epoch from (now() at time zone ${timeZone})::time)::int / 60 as m`;
  return row!.m as number;
}

const latestCall = (page: Page) => page.locator('[data-testid="board-recent-call"][data-latest="true"]');

const announcements = (page: Page) => page.evaluate(() => (globalThis as unknown as { __boardAnnouncements?: string[] }).__boardAnnouncements ?? []);

describe('the lobby board', () => {
  let database: TestDatabase;
  let server: Server;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await new Server(testConfig({ SERVE_UI: 'true', WS_HEARTBEAT_MS: '2000' }, database)).start();
  });
  afterAll(async () => {
    await server?.app.close();
    await deleteRedisPrefix(server.config.redisPrefix);
    await database?.drop();
  });

  it('shows a call within a second, speaks it, and recovers on its own after the server restarts', async () => {
    const page = await openBoard(server.url);
    try {
      const clerk = await openWindow(server.app, 'clerk08', 8);
      await page.locator('[data-testid="board-window"][data-window-number="8"][data-state="open"]').waitFor({ timeout: 2000 });

      await issue(server.app, 'w08-household-certificate');
      const call = await callNext(server.app, clerk);
      await expect.poll(() => currentAt(page, 8).innerText(), { timeout: 1000, interval: 25 }).toContain(call.number);
      expect(Date.now() - call.at).toBeLessThan(1000);
      await expect.poll(() => page.getByTestId('board-recent-call').first().innerText()).toContain(call.number);
      // Spoken digit by digit, the window as a number: 请 H 零零一 号 … 八号窗口.
      const digits = call.number.slice(1).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
      await expect.poll(() => announcements(page)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${call.number[0]}\\s*${digits}.*八号窗口`))]));
      await page.screenshot({ path: screenshotPath('board-1920x1080') });

      // Restart: a new process's worth of app on the same port.
      const port = server.port;
      await server.stop();
      await connection(page, 'reconnecting', 10_000);
      await server.start(port);
      const again = { token: await sessionFor(server.app, 'clerk08'), windowId: clerk.windowId };
      await noShow(server.app, again.token, call.id);
      await connection(page, 'live', 15_000);
      await issue(server.app, 'w08-household-certificate');
      const after = await callNext(server.app, again);
      await expect.poll(() => currentAt(page, 8).innerText(), { timeout: 2000, interval: 25 }).toContain(after.number);
      await page.screenshot({ path: screenshotPath('board-after-restart') });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('on a fresh load lists an old call with the others, and holds only a new call in the big box, by the hall’s clock', async () => {
    const clerk = await openWindow(server.app, 'clerk14', 14);
    await issue(server.app, 'w14-grade-review');
    await issue(server.app, 'w14-grade-review');
    const old = await callNext(server.app, clerk);
    await noShow(server.app, clerk.token, old.id);
    // 18 minutes ago (or as long ago as today allows, leaving a minute).
    const ageMs = Math.min(18, (await minutesIntoHallDay(server.app, server.config.hallTz)) - 1) * 60_000;
    expect(ageMs).toBeGreaterThan(60_000);
    await ageCall(server.app, old.id, ageMs);

    // The TV's own clock runs 20 minutes fast: only the server's time can tell what is new.
    const page = await openBoard(server.url, '?voice=off', 20 * 60_000);
    try {
      const rows = page.getByTestId('board-recent-call');
      await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.textContent ?? '').join('|'))).toContain(old.number);
      expect(await latestCall(page).count()).toBe(0);
      expect(await rows.first().getAttribute('data-latest')).toBe('false');
      await page.screenshot({ path: screenshotPath('board-old-call-after-reload') });

      const fresh = await callNext(server.app, clerk);
      await expect.poll(() => latestCall(page).allInnerTexts().then((t) => t.join('|')), { timeout: 2000, interval: 25 }).toContain(fresh.number);
      expect(await latestCall(page).getAttribute('class')).toContain('flash');
      // The old call stays in the list below it.
      expect(await rows.nth(1).innerText()).toContain(old.number);
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('shows each family’s waiting count as the rows say right after a reload', async () => {
    // Open windows make their services open whatever the hour (window 8 may be open from a test above).
    await openWindow(server.app, 'clerk08', 8).catch((err: Error) => expect(err.message).toMatch(/409/));
    await openWindow(server.app, 'clerk20', 20);
    for (const code of ['w08-household-certificate', 'w08-household-certificate', 'w08-household-certificate', 'w20-card-password', 'w20-card-password']) {
      await issue(server.app, code);
    }
    const page = await openBoard(server.url, '?voice=off');
    try {
      await page.reload();
      await connection(page, 'live');
      const rows = await server.app.pg.sql`select s.family_code as code, count(*)::int as n from tickets t join services s on s.id = t.service_id
        where t.status = 'waiting' group by s.family_code`;
      const expected = Object.fromEntries((await page.getByTestId('board-family').evaluateAll((els) => els.map((e) => e.getAttribute('data-family-code')!))).map((c) => [c, 0]));
      for (const r of rows) expected[r.code as string] = r.n as number;
      expect(expected.household).toBeGreaterThanOrEqual(3);
      expect(expected.card_center).toBeGreaterThanOrEqual(2);
      const shown = await page
        .getByTestId('board-family')
        .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-family-code'), Number(e.querySelector('[data-testid="board-family-waiting"]')!.textContent)])));
      expect(shown).toEqual(expected);
      await page.screenshot({ path: screenshotPath('board-after-reload') });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('scrolls a notice an admin writes at /admin/notices, at once', async () => {
    const board = await openBoard(server.url, '?voice=off');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const admin = await context.newPage();
    try {
      expect(await board.getByTestId('board-notices').count()).toBe(0);
      await admin.goto(`${server.url}/login`);
      await admin.getByTestId('login-username').fill('admin');
      await admin.getByTestId('login-password').fill('demo1234');
      await admin.getByTestId('login-submit').click();
      await admin.getByTestId('account-menu').waitFor();
      await admin.goto(`${server.url}/admin/notices`);
      await admin.getByTestId('notice-text-zh').fill('今日 16:00 起校园卡中心暂停办理，请改日再来');
      await admin.getByTestId('notice-text-en').fill('Campus card centre closes at 16:00 today');
      await admin.getByTestId('notice-submit').click();
      await admin.getByTestId('notice-row').first().waitFor();
      await expect.poll(() => board.getByTestId('board-notices').innerText(), { timeout: 2000 }).toContain('校园卡中心暂停办理');
      await board.screenshot({ path: screenshotPath('board-with-notice') });

      await admin.getByTestId('notice-delete').first().click();
      await admin.getByTestId('confirm-ok').click();
      await board.getByTestId('board-notices').waitFor({ state: 'detached', timeout: 2000 });
      expect(board.errors).toEqual([]);
    } finally {
      await context.close();
      await board.context().close();
    }
  });

  it('shows only the windows and families its URL names', async () => {
    const page = await openBoard(server.url, '?windows=8,12&voice=off');
    try {
      const numbers = await page.getByTestId('board-window').evaluateAll((els) => els.map((e) => e.getAttribute('data-window-number')));
      expect(numbers.sort()).toEqual(['12', '8']);
      const families = await page.getByTestId('board-family').evaluateAll((els) => els.map((e) => e.getAttribute('data-family-code')));
      expect(families.sort()).toEqual(['household', 'international']);
    } finally {
      await page.context().close();
    }
  });
});

describe('the lobby board while Redis restarts', () => {
  let database: TestDatabase;
  let redis: ScratchRedis;
  let server: Server;
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await scratchRedis();
    await redis.start();
    server = await new Server(testConfig({ SERVE_UI: 'true', REDIS_URL: redis.url, WS_HEARTBEAT_MS: '2000' }, database)).start();
  });
  afterAll(async () => {
    await server?.app.close();
    redis?.stop();
    await database?.drop();
  });

  it('says the data is stale while events cannot flow, and is right again within 5 s of Redis returning', async () => {
    const page = await openBoard(server.url);
    try {
      const clerk = await openWindow(server.app, 'clerk07', 7);
      await page.locator('[data-testid="board-window"][data-window-number="7"][data-state="open"]').waitFor({ timeout: 2000 });

      await issue(server.app, 'w07-legal-consultation');
      redis.stop();
      await page.locator('[data-testid="board-connection"]:not([data-state="live"])').waitFor({ state: 'attached', timeout: 5000 });
      // The hall goes on: a call is made while the board cannot hear of it.
      const call = await callNext(server.app, clerk);
      await page.screenshot({ path: screenshotPath('board-redis-down') });
      expect(await currentAt(page, 7).innerText()).not.toContain(call.number);

      await redis.start();
      const back = Date.now();
      await expect.poll(() => currentAt(page, 7).innerText(), { timeout: 5000, interval: 50 }).toContain(call.number);
      await connection(page, 'live', Math.max(100, 5000 - (Date.now() - back)));
      expect(Date.now() - back).toBeLessThan(5000);
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
