import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Browser pieces the appointment tests share: pages that collect their errors, signing in, the kiosk's check-in screen. */

export type CheckedPage = Page & { errors: string[] };

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A page of its own context (Chinese unless told), collecting script errors and refused loads. */
export async function checkedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<CheckedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = (await context.newPage()) as CheckedPage;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) page.errors.push(msg.text());
  });
  return page;
}

/** Every test account shares the demo admin's password hash. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

/** The demo kiosk at its 我有预约 screen. */
export async function openCheckIn(browser: Browser, baseUrl: string, viewport: { width: number; height: number }): Promise<CheckedPage> {
  const kiosk = await checkedPage(browser, { viewport, hasTouch: true });
  await kiosk.goto(baseUrl + '/kiosk?token=demo-kiosk');
  await kiosk.getByTestId('kiosk-checkin-entry').click();
  await kiosk.getByTestId('checkin-step').waitFor();
  return kiosk;
}

/** The booking code pressed on the kiosk's own letter keys. */
export async function pressCode(kiosk: Page, code: string): Promise<void> {
  for (const ch of code) await kiosk.locator(`[data-testid="checkin-key"][data-key="${ch}"]`).click();
}

/** Every key of the code keyboard large (56 px at the least), inside the screen and not hidden under the rest. */
export async function expectKeysOnScreen(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const keys = page.locator('[data-testid="checkin-key"], [data-testid="checkin-backspace"]');
  const found = await keys.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const hit = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { x: r.left, y: r.top, w: r.width, h: r.height, hit: hit !== null && (hit === el || el.contains(hit)) };
    }),
  );
  expect(found.length).toBe(26);
  for (const k of found) {
    expect(Math.min(k.w, k.h)).toBeGreaterThanOrEqual(56);
    expect(k.x).toBeGreaterThanOrEqual(0);
    expect(k.y + k.h).toBeLessThanOrEqual(viewport.height);
    expect(k.x + k.w).toBeLessThanOrEqual(viewport.width);
    expect(k.hit).toBe(true);
  }
}

/** Nothing wider than the screen. */
export async function expectNoSideScroll(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
}

/** The header's brand on one line and whole (not wrapped under a long account name, not cut short). */
export async function expectBrandOnOneLine(page: Page): Promise<void> {
  const brand = await page.locator('.site-header .brand span').evaluate((el) => {
    const fontSize = parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).fontSize);
    return { height: el.getBoundingClientRect().height, fontSize, cut: el.scrollWidth > el.clientWidth };
  });
  expect(brand.height).toBeLessThan(brand.fontSize * 2);
  expect(brand.cut).toBe(false);
}
