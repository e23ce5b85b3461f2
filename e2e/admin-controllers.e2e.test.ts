import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('door controllers admin page', () => {
  it('shows each controller’s backlog, failures and last error as the rows count them, in Chinese, on a desktop and a phone', async () => {
    const sql = ctx.app.pg.sql;
    await sql`update lock_grants set status = 'failed', last_error = 'unreachable (ECONNREFUSED)'
      where id in (select g.id from lock_grants g join doors d on d.id = g.door_id join controllers c on c.id = d.controller_id where c.code = 'ctl-n2' order by g.id limit 3)`;
    await sql`update controllers set last_error = 'unreachable (ECONNREFUSED)', last_error_at = now(), drift_last = 2, drift_total = 5 where code = 'ctl-n2'`;
    const counts = await sql<{ code: string; backlog: number; failures: number }[]>`
      select c.code, count(g.id) filter (where g.status in ('pending', 'revoke_pending'))::int as backlog, count(g.id) filter (where g.status = 'failed')::int as failures
        from controllers c join doors d on d.controller_id = c.id left join lock_grants g on g.door_id = d.id group by c.code order by c.code`;

    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(ctx.baseUrl + '/login');
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('account-menu').waitFor();
      await page.goto(`${ctx.baseUrl}/admin/controllers`);
      await page.getByTestId('controller-row').first().waitFor();
      for (const c of counts) {
        const row = page.locator(`[data-testid="controller-row"][data-controller="${c.code}"]`);
        const backlog = await row.getByTestId('controller-backlog').innerText();
        expect(backlog).toContain(c.backlog > 0 ? `${c.backlog} 条` : '无');
        expect((await row.getByTestId('controller-failures').innerText()).trim()).toBe(String(c.failures));
      }
      const n2 = page.locator('[data-testid="controller-row"][data-controller="ctl-n2"]');
      expect(await n2.getByTestId('controller-error').innerText()).toContain('无法连接');
      expect((await n2.getByTestId('controller-drift').innerText()).trim()).toBe('2 / 5');
      expect(await page.getByTestId('admin-tab-controllers').getAttribute('aria-current')).toBe('page');
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text).not.toMatch(/ctl-n|unreachable|ECONNREFUSED|undefined|null|controller/i);
      await page.screenshot({ path: screenshotPath(`admin-controllers-${name}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
