import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { openWindow } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

/**
 * The lobby kiosk on the screens halls have: a phone-narrow one, a 768×1024 tablet, a 1080×1920
 * portrait kiosk and a 1366×900 landscape one. Everything a visitor presses is on the screen,
 * pressable, and nothing asks them to scroll a list longer than the screen.
 */
const ctx = useListeningApp({ TICKET_RATE_PER_KIOSK: '5000' });
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  // The card centre is staffed, so its services are open whatever the hour.
  await openWindow(ctx.app, 'clerk20', 20);
});
afterAll(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1080, height: 1920 },
  { width: 1366, height: 900 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function openKiosk(viewport: { width: number; height: number }): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: 'zh-CN' });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  await page.goto(`${ctx.baseUrl}/kiosk?token=demo-kiosk`);
  return page;
}

/** Every box inside the viewport, no two overlapping, and a touch at each centre lands on its own tile. */
async function expectPressable(page: Page, tiles: Locator, viewport: { width: number; height: number }) {
  const boxes = (await Promise.all((await tiles.all()).map((t) => t.boundingBox()))) as Box[];
  expect(boxes.length).toBeGreaterThan(0);
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(b.y + b.height).toBeLessThanOrEqual(viewport.height + 0.5);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
      expect(overlap, `tiles ${i} and ${j} overlap`).toBe(false);
    }
  }
  const hits = await tiles.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const hit = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== null && (hit === el || el.contains(hit));
    }),
  );
  expect(hits.every(Boolean)).toBe(true);
  // Nothing inside a tile is cut off by it.
  const clipped = await tiles.evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).length);
  expect(clipped).toBe(0);
}

/** The screen itself never scrolls. */
async function expectNoScroll(page: Page) {
  const { sh, sw, h, w } = await page.evaluate<{ sh: number; sw: number; h: number; w: number }>(
    '({ sh: document.documentElement.scrollHeight, sw: document.documentElement.scrollWidth, h: innerHeight, w: innerWidth })',
  );
  expect(sh).toBeLessThanOrEqual(h);
  expect(sw).toBeLessThanOrEqual(w);
}

/** Text that wraps letter by letter is as tall as its characters: these must stay on one line (or two, for names). */
async function expectLines(locator: Locator, maxLines: number) {
  const lines = await locator.evaluateAll((els) =>
    els.map((el) => {
      const style = el.ownerDocument.defaultView!.getComputedStyle(el);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
      return { text: el.textContent, lines: Math.round(el.getBoundingClientRect().height / lineHeight) };
    }),
  );
  for (const l of lines) expect(l.lines, l.text ?? '').toBeLessThanOrEqual(maxLines);
}

describe.each(SIZES)('the kiosk at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;

  it('shows every family tile whole and pressable, and a one-line bar', async () => {
    const page = await openKiosk(viewport);
    try {
      const tiles = page.getByTestId('kiosk-family');
      await tiles.first().waitFor();
      const { families } = (await ctx.app.inject({ url: '/api/families', headers: { authorization: 'Bearer demo-kiosk' } })).json<{ families: unknown[] }>();
      expect(families.length).toBeGreaterThanOrEqual(8);
      expect(await tiles.count()).toBe(families.length);
      await expectPressable(page, tiles, viewport);
      await expectNoScroll(page);
      await expectLines(page.locator('[data-testid="kiosk-bar"] .hall'), 1);
      // One row: the bar is a few of its own letters tall, whatever the screen (letter by letter it was ten).
      const em = await page.getByTestId('kiosk').evaluate((el) => parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).fontSize));
      expect((await page.getByTestId('kiosk-bar').boundingBox())!.height).toBeLessThanOrEqual(4.2 * em);
      await expectLines(page.locator('.step-title'), 1);
      await expectLines(page.locator('[data-testid="kiosk-family"] .name'), 2);
      await page.screenshot({ path: screenshotPath(`kiosk-${size}`) });

      // English names are longer words: they fit too.
      await page.getByTestId('kiosk-lang').click();
      await expect.poll(() => page.locator('.step-title').innerText()).toBe('What do you need?');
      await expectPressable(page, tiles, viewport);
      await expectNoScroll(page);
      await page.screenshot({ path: screenshotPath(`kiosk-${size}-en`) });
      await page.getByTestId('kiosk-lang').click();

      // The tile that used to be drawn under another one opens its family.
      await page.locator('[data-testid="kiosk-family"][data-family="door_lock"]').click();
      await expect.poll(() => page.locator('.step-title').innerText()).toBe('公寓电子门锁授权');
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('pages through a family’s services a screenful at a time, each reached once', async () => {
    const page = await openKiosk(viewport);
    try {
      await page.locator('[data-testid="kiosk-family"][data-family="card_center"]').click();
      const list = page.getByTestId('kiosk-services');
      await list.waitFor();
      const expected = (await ctx.app.inject({ url: '/api/services?family=card_center&limit=200', headers: { authorization: 'Bearer demo-kiosk' } })).json<{
        items: { id: number }[];
      }>();
      const pages = Number(await list.getAttribute('data-pages'));
      const seen: number[] = [];
      for (let p = 1; p <= pages; p++) {
        await expect.poll(() => list.getAttribute('data-page')).toBe(String(p));
        const tiles = page.getByTestId('kiosk-service');
        await expectPressable(page, tiles, viewport);
        await expectNoScroll(page);
        await expectLines(page.locator('[data-testid="kiosk-service"] .name'), 2);
        seen.push(...(await tiles.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-service-id'))))));
        if (p === 1) await page.screenshot({ path: screenshotPath(`kiosk-${size}-services`) });
        if (p < pages) await page.getByTestId('kiosk-page-next').click();
      }
      expect(seen.sort((a, b) => a - b)).toEqual(expected.items.map((s) => s.id).sort((a, b) => a - b));
      // A page of the list is a screenful, not a scroll: no more pages than needed.
      const perPage = Math.ceil(expected.items.length / pages);
      expect(pages).toBe(Math.ceil(expected.items.length / Math.max(perPage, 1)));
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('keeps the take-a-ticket button on screen, and shows the ticket with its QR code on one screen', async () => {
    const page = await openKiosk(viewport);
    try {
      await page.locator('[data-testid="kiosk-family"][data-family="card_center"]').click();
      await page.getByTestId('kiosk-service').first().click();
      const issue = page.getByTestId('kiosk-issue');
      await issue.waitFor();
      await page.getByTestId('kiosk-confirm-body').locator('.materials, p').first().waitFor();
      await expectNoScroll(page);
      await expectPressable(page, issue, viewport);
      await page.screenshot({ path: screenshotPath(`kiosk-${size}-confirm`) });

      await issue.click();
      const number = page.getByTestId('kiosk-ticket-number');
      await number.waitFor();
      await page.getByTestId('kiosk-qr').waitFor();
      await expectNoScroll(page);
      await expectPressable(page, page.locator('[data-testid="kiosk-print"], [data-testid="kiosk-done"]'), viewport);
      const [row] = await ctx.app.pg.sql`select number from tickets order by issued_at desc limit 1`;
      expect(await number.innerText()).toBe(row!.number);
      await page.screenshot({ path: screenshotPath(`kiosk-${size}-ticket`) });
      await page.getByTestId('kiosk-done').click();
      await page.getByTestId('kiosk-family').first().waitFor();
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
