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
});
