import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSlots } from '../server/src/appointments/slot-generation.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { useListeningApp } from '../test-support/server.ts';

const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('booking settings page', () => {
  it('lets an admin raise a service’s seats per window and turn booking off, and the slots follow at once', async () => {
    await generateSlots(ctx.app.db, ctx.config.hallTz);
    const [service] = await ctx.app.pg.sql`select s.id, s.code from services s where s.appointment_enabled and exists
      (select 1 from appointment_slots a where a.service_id = s.id and a.starts_at > now() and not a.withdrawn) order by s.sort, s.id limit 1`;
    expect(service).toBeDefined();
    const capacities = async () =>
      (await ctx.app.pg.sql`select capacity, withdrawn from appointment_slots where service_id = ${service!.id} and starts_at > now() order by starts_at`) as unknown as {
        capacity: number;
        withdrawn: boolean;
      }[];
    const before = await capacities();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(ctx.baseUrl + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-menu').waitFor();
    await page.goto(`${ctx.baseUrl}/admin/booking`);
    const row = page.getByTestId(`booking-service-${service!.code}`);
    await row.getByTestId('per-window').fill('2');
    await row.getByTestId('save-service').click();
    await expect.poll(() => page.getByTestId('booking-status').textContent(), { timeout: 20_000 }).toContain('已保存');
    expect((await capacities()).map((s) => s.capacity)).toEqual(before.map((s) => s.capacity * 2));
    await page.screenshot({ path: screenshotPath('admin-booking-settings-desktop'), fullPage: true });

    await row.getByTestId('enabled').uncheck();
    await row.getByTestId('save-service').click();
    await expect.poll(async () => (await capacities()).every((s) => s.withdrawn), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('admin-tab-booking').getAttribute('aria-current')).toBe('page');
    // No raw codes or English on the Chinese page.
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/appointment|booking|undefined|null/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('narrows the services by family, words and taking bookings, and keeps the booking rate as a rule', async () => {
    const { sql } = ctx.app.pg;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(ctx.baseUrl + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-menu').waitFor();
    await page.goto(`${ctx.baseUrl}/admin/booking`);
    const rows = page.locator('[data-testid^="booking-service-"]');
    await rows.first().waitFor();
    const [all] = await sql`select count(*)::int as n from services where active`;
    expect(await rows.count()).toBe(all!.n);

    // One family, by its Chinese name in the list.
    const [family] = await sql`select f.code, f.name_zh, count(*)::int as n from services s join window_families f on f.code = s.family_code
      where s.active group by f.code, f.name_zh order by count(*) desc limit 1`;
    await page.getByTestId('filter-family').selectOption({ label: family!.name_zh as string });
    await expect.poll(() => rows.count()).toBe(family!.n);
    expect(await page.getByTestId('filter-count').innerText()).toBe(`显示 ${family!.n} / ${all!.n} 项服务`);
    // …and of them only those taking bookings.
    await page.getByTestId('filter-bookable').check();
    const [bookable] = await sql`select count(*)::int as n from services where active and appointment_enabled and family_code = ${family!.code}`;
    await expect.poll(() => rows.count()).toBe(bookable!.n);
    await page.screenshot({ path: screenshotPath('admin-booking-filtered-desktop'), fullPage: true });

    // Every family again, and words of a name.
    await page.getByTestId('filter-family').selectOption('');
    await page.getByTestId('filter-bookable').uncheck();
    await page.getByTestId('filter-search').fill('户籍证明');
    const named = await sql`select code from services where active and name_zh like '%户籍证明%' order by sort, id`;
    await expect.poll(() => rows.count()).toBe(named.length);
    expect(await rows.first().getAttribute('data-testid')).toBe(`booking-service-${named[0]!.code}`);
    await page.getByTestId('filter-search').fill('没有这种服务');
    await page.getByTestId('filter-none').waitFor();
    expect(await rows.count()).toBe(0);

    // The booking rate, saved with the rules.
    await page.getByTestId('rule-bookingsPer10Minutes').fill('12');
    await page.getByTestId('save-rules').click();
    await expect.poll(() => page.getByTestId('booking-status').textContent(), { timeout: 20_000 }).toContain('已保存');
    const [rules] = await sql`select bookings_per_10_minutes as n from appointment_rules`;
    expect(rules!.n).toBe(12);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/appointment|booking|undefined|null/i);
    expect(errors).toEqual([]);
    await context.close();
  });
});
