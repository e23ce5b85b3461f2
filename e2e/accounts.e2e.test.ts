import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCookie, sessionFor } from '../test-support/auth.ts';
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

async function newPage(width = 1280): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  // A CSP violation shows up as a console error: none may happen.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) page.errors.push(msg.text());
  });
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(ctx.baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('signing in and out in the browser', () => {
  it('signs in, shows who I am in the account menu, and signs out', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'clerk08', 'demo1234');
      const menu = page.getByTestId('account-menu');
      await menu.waitFor();
      await menu.click();
      await expect.poll(() => page.getByTestId('account-windows').innerText()).toContain('8');
      await page.screenshot({ path: screenshotPath('account-menu-desktop') });
      await page.getByTestId('logout').click();
      await page.getByTestId('login-link').waitFor();
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('says clearly when the password is wrong and when the account is locked', async () => {
    const page = await newPage(375);
    try {
      await signIn(page, 'S0001', 'not-my-password');
      await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码不正确');
      await ctx.app.pg.sql`update accounts set locked_until = now() + interval '15 minutes', failed_attempts = 20 where username = 'S0002'`;
      await signIn(page, 'S0002', 'demo1234');
      await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/账号已临时锁定，请于 \d\d:\d\d 后再试/);
      await page.screenshot({ path: screenshotPath('login-locked-phone') });
    } finally {
      await page.context().close();
    }
  });

  it('sends a person whose password was reset to the forced change, and lets them on after it', async () => {
    const admin = await sessionFor(ctx.app, 'admin');
    const [{ id }] = (await ctx.app.pg.sql`select id from accounts where username = 'S0003'`) as unknown as [{ id: number }];
    const reset = await ctx.app.inject({ method: 'POST', url: `/api/admin/accounts/${id}/reset-password`, headers: asCookie(admin) });
    const temporary = reset.json().temporaryPassword as string;
    const page = await newPage();
    try {
      await signIn(page, 'S0003', temporary);
      await page.waitForURL(/\/account\/password\?forced=1/);
      await page.getByTestId('password-forced-reason').waitFor();
      // Other pages send them back here.
      await page.goto(ctx.baseUrl + '/');
      await page.waitForURL(/\/account\/password\?forced=1/);
      await page.getByTestId('password-current').fill(temporary);
      await page.getByTestId('password-new').fill('north-gate-library');
      await page.getByTestId('password-repeat').fill('north-gate-library');
      await page.getByTestId('password-submit').click();
      // Once changed, the forced page lets go and sends them where they were going.
      await page.waitForURL((url) => !url.pathname.startsWith('/account/password'));
      const me = await page.evaluate<{ mustChangePassword: boolean }>("fetch('/api/me').then((r) => r.json())");
      expect(me.mustChangePassword).toBe(false);
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('shows the admin pages to admins only', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'admin', 'demo1234');
      await page.getByTestId('account-menu').waitFor();
      await page.goto(ctx.baseUrl + '/admin/devices');
      await expect.poll(() => page.getByTestId('device-row').count()).toBeGreaterThanOrEqual(2);
      await page.goto(ctx.baseUrl + '/admin/audit');
      await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('admin-audit-desktop'), fullPage: true });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
