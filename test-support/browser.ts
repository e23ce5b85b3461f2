import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = path.join(root, 'artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond localhost: keep Chromium from trying.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** A page that records its script errors and console errors, for a test to assert there were none. */
export type CheckedPage = Page & { errors: string[] };

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

/**
 * A new page in a context of its own. `refusalsShownInWords`: a refusal the page shows in words is
 * logged by Chromium as a failed resource; such lines are then not counted as errors.
 */
export async function checkedPage(browser: Browser, options: BrowserContextOptions, opts: { refusalsShownInWords?: boolean } = {}): Promise<CheckedPage> {
  const context = await browser.newContext(options);
  const page = (await context.newPage()) as CheckedPage;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !(opts.refusalsShownInWords && msg.text().includes('Failed to load resource'))) page.errors.push(msg.text());
  });
  return page;
}

/** Signs in through the sign-in page (every demo and test account's password is demo1234). */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'demo1234'): Promise<void> {
  await page.goto(baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}
