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

/** Wrong passwords from a client address or a device, straight at the API (as a script in the lobby would). */
async function wrongPasswords(from: string | { token: string }, username: string, times: number) {
  for (let i = 0; i < times; i++) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...(typeof from === 'string' ? { remoteAddress: from } : { headers: { authorization: `Bearer ${from.token}` } }),
      payload: { username, password: `guess-${i}` },
    });
    expect([401, 423]).toContain(res.statusCode);
  }
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
      // The sign-in page moves on once it knows who I am; a navigation folds the menu away, so
      // open it only after the move (the button shows a little before it).
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const menu = page.getByTestId('account-menu');
      await menu.waitFor();
      await menu.click();
      await page.getByTestId('account-panel').waitFor({ state: 'visible' });
      await expect.poll(() => page.getByTestId('account-windows').innerText()).toContain('8');
      await page.screenshot({ path: screenshotPath('account-menu-desktop') });
      await page.getByTestId('logout').click();
      await page.getByTestId('login-link').waitFor();
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('says clearly when the password is wrong, and when, why and where the account is locked', async () => {
    const page = await newPage(375);
    try {
      await signIn(page, 'S0001', 'not-my-password');
      await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码不正确');

      // 20 wrong passwords from this browser's address lock S0002 here only.
      await wrongPasswords('127.0.0.1', 'S0002', 20);
      await signIn(page, 'S0002', 'demo1234');
      await expect
        .poll(() => page.getByTestId('login-error').innerText())
        .toMatch(/^账号已在此网络临时锁定：从此网络连续 20 次输入了错误的密码。请于 \d\d:\d\d 后再试；在其他网络或设备上仍可正常登录/);
      await page.screenshot({ path: screenshotPath('login-locked-phone') });
      // The time shown is the lock's end on the hall's clock.
      const [lock] = await ctx.app.pg.sql<{ until: string }[]>`select to_char(locked_until at time zone ${ctx.config.hallTz}, 'HH24:MI') as until
        from login_failures where account_id = (select id from accounts where username = 'S0002') and source = '127.0.0.1'`;
      expect(await page.getByTestId('login-error').innerText()).toContain(`请于 ${lock!.until} 后再试`);

      // An account-wide lock (a guess spread over many places) says so, in English too.
      await ctx.app.pg.sql`update accounts set locked_until = now() + interval '15 minutes', failed_attempts = 200,
        failure_window_started_at = now() where username = 'S0005'`;
      await page.evaluate("localStorage.setItem('campus-desk.lang', 'en')");
      await signIn(page, 'S0005', 'demo1234');
      await expect
        .poll(() => page.getByTestId('login-error').innerText())
        .toMatch(/^This account is locked everywhere for now: 200 wrong passwords were tried within 60 minutes from several places.*Try again after \d\d:\d\d/);
      await page.screenshot({ path: screenshotPath('login-locked-everywhere-phone-en') });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('shows an admin where an account is locked and lifts it; the clerk is told at the next sign-in', async () => {
    // Someone in the lobby guesses at clerk08's password; someone at the kiosk at S0006's.
    await wrongPasswords('198.51.100.7', 'clerk08', 20);
    await wrongPasswords({ token: 'demo-kiosk' }, 'S0006', 20);
    const admin = await newPage();
    try {
      await signIn(admin, 'admin', 'demo1234');
      await admin.getByTestId('account-menu').waitFor();
      await admin.goto(ctx.baseUrl + '/admin/accounts');
      await admin.getByTestId('accounts-locked-only').check();
      const row = admin.locator('[data-testid="account-row"][data-username="clerk08"]');
      await expect.poll(() => row.getByTestId('account-locked').innerText()).toMatch(/^在 198\.51\.100\.7 锁定至 \d\d:\d\d$/);
      // Only locked accounts are listed, and each row says where.
      const listed = await admin.getByTestId('account-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
      expect(listed).toContain('clerk08');
      for (const username of listed) {
        await expect.poll(() => admin.locator(`[data-testid="account-row"][data-username="${username}"] [data-testid="account-locked"]`).count()).toBeGreaterThan(0);
      }
      const kioskRow = admin.locator('[data-testid="account-row"][data-username="S0006"]');
      await expect.poll(() => kioskRow.getByTestId('account-locked').innerText()).toMatch(/^在设备“.+”锁定至 \d\d:\d\d$/);
      await admin.screenshot({ path: screenshotPath('admin-accounts-locked-desktop'), fullPage: true });
      await admin.setViewportSize({ width: 375, height: 900 });
      await admin.screenshot({ path: screenshotPath('admin-accounts-locked-phone'), fullPage: true });
      await admin.setViewportSize({ width: 1280, height: 900 });

      await row.getByTestId('account-unlock').click();
      await expect.poll(() => admin.getByTestId('accounts-status').innerText()).toContain('已解除 clerk08 的全部锁定');
      await expect.poll(() => row.count()).toBe(0);
      const [left] = await ctx.app.pg.sql`select count(*)::int as n from login_failures
        where account_id = (select id from accounts where username = 'clerk08') and locked_until > now()`;
      expect(left!.n).toBe(0);
      const [audit] = await ctx.app.pg.sql`select before from audit_log where action = 'account.unlocked'
        and object_id = (select id::text from accounts where username = 'clerk08') order by id desc limit 1`;
      expect(audit!.before).toMatchObject({ sourceLocks: [expect.objectContaining({ source: '198.51.100.7', failures: 20 })] });
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context().close();
    }

    const clerk = await newPage(375);
    try {
      await signIn(clerk, 'clerk08', 'demo1234');
      const notice = clerk.getByTestId('sign-in-notice');
      await notice.waitFor();
      expect(await clerk.getByTestId('sign-in-notice-summary').innerText()).toMatch(
        /您的账号共有 20 次错误的密码尝试，来自同一个网络或设备，最近一次在 \d{4}-\d\d-\d\d \d\d:\d\d/,
      );
      expect(await clerk.getByTestId('sign-in-notice-locks').innerText()).toMatch(/期间账号被临时锁定过 1 次，锁定至 \d\d:\d\d：当时只锁定了那一个网络/);
      await clerk.screenshot({ path: screenshotPath('login-sign-in-notice-phone') });
      await clerk.getByTestId('sign-in-notice-continue').click();
      await clerk.waitForURL((url) => url.pathname === '/');
      const [note] = await ctx.app.pg.sql`select read_at from notifications where kind = 'account.sign_in_failures'
        and account_id = (select id from accounts where username = 'clerk08') order by id desc limit 1`;
      expect(note!.read_at).not.toBeNull();
      expect(clerk.errors).toEqual([]);
    } finally {
      await clerk.context().close();
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
