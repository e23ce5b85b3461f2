import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCookie } from '../test-support/auth.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { openWindow, serviceId } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(options: BrowserContextOptions): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) page.errors.push(msg.text());
  });
  return page;
}

async function signIn(page: Page, username: string) {
  await page.goto(ctx.baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

describe('a ticket from the kiosk to the desk to the holder', () => {
  it('prints at the kiosk, is called, checked and finished by the clerk, and the student sees the outcome', async () => {
    // Window 8's clerk is at work (so the service is open whatever the hour).
    await openWindow(ctx.app, 'clerk08', 8);
    const certificate = await serviceId(ctx.app, 'w08-household-certificate');

    // Kiosk: portrait touch screen, device token from the URL.
    const kiosk = await newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    let ticketId: string;
    let number: string;
    try {
      await kiosk.goto(ctx.baseUrl + '/kiosk?token=demo-kiosk');
      await kiosk.locator('[data-testid="kiosk-family"][data-family="household"]').click();
      await kiosk.locator(`[data-testid="kiosk-service"][data-service-id="${certificate}"]`).click();
      await kiosk.getByTestId('kiosk-student-number').fill('S0047');
      await kiosk.getByTestId('kiosk-issue').click();
      const numberEl = kiosk.getByTestId('kiosk-ticket-number');
      await numberEl.waitFor();
      number = (await numberEl.innerText()).trim();
      expect(number).toMatch(/^H\d{3}$/);
      await kiosk.getByTestId('kiosk-qr').waitFor();
      expect(new URL(kiosk.url()).searchParams.get('token')).toBeNull();
      await kiosk.screenshot({ path: screenshotPath('kiosk-ticket') });
      await kiosk.emulateMedia({ media: 'print' });
      await kiosk.screenshot({ path: screenshotPath('kiosk-slip-print') });
      const [row] = await ctx.app.pg.sql`select t.id from tickets t join people p on p.id = t.person_id where p.number = 'S0047' order by t.issued_at desc limit 1`;
      ticketId = row!.id as string;
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }

    // Clerk console at a desk screen.
    const desk = await newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(desk, 'clerk08');
      await desk.goto(ctx.baseUrl + '/desk');
      await desk.getByTestId('desk-window').first().click();
      await expect.poll(() => desk.getByTestId('desk-session-state').getAttribute('data-state')).toBe('open');
      await desk.getByTestId('desk-call-next').click();
      await expect.poll(() => desk.getByTestId('desk-current-number').innerText()).toBe(number);
      await desk.getByTestId('desk-start').click();
      await expect.poll(() => desk.getByTestId('desk-current-status').getAttribute('data-status')).toBe('serving');
      // No next call while a ticket is at the window.
      expect(await desk.getByTestId('desk-call-next').isDisabled()).toBe(true);
      // The ticket's history: issued, called, started.
      await expect.poll(() => desk.getByTestId('desk-history-entry').count()).toBeGreaterThanOrEqual(3);
      const items = desk.getByTestId('desk-checklist-item');
      expect(await items.count()).toBe(2);
      for (let i = 0; i < 2; i++) {
        await items.nth(i).check();
        await expect.poll(() => items.nth(i).isChecked()).toBe(true);
      }
      await desk.screenshot({ path: screenshotPath('desk-serving') });
      await desk.getByTestId('desk-finish').click();
      await desk.getByTestId('finish-outcome').selectOption('done');
      await desk.getByTestId('finish-confirm').click();
      await desk.locator(`[data-testid="desk-served-row"][data-ticket-id="${ticketId}"][data-status="done"]`).waitFor();
      const [ticked] = await ctx.app.pg.sql`select count(*)::int as n from ticket_checklist where ticket_id = ${ticketId} and checked`;
      expect(ticked!.n).toBe(2);
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
    }

    // The student, on a phone.
    const phone = await newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      await signIn(phone, 'S0047');
      await phone.goto(`${ctx.baseUrl}/tickets/${ticketId}`);
      await expect.poll(() => phone.getByTestId('ticket-status').getAttribute('data-status')).toBe('done');
      expect(await phone.getByTestId('ticket-number').innerText()).toBe(number);
      await phone.screenshot({ path: screenshotPath('ticket-done-phone'), fullPage: true });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context().close();
    }
  });

  it('moves the holder up the line live and calls them with a full-screen notice', async () => {
    const clerk = await openWindow(ctx.app, 'clerk12', 12);
    const service = await serviceId(ctx.app, 'w12-outbound-procedures');
    const ahead = await ctx.app.inject({ method: 'POST', url: '/api/tickets', headers: { authorization: 'Bearer demo-kiosk' }, payload: { serviceId: service } });
    expect(ahead.statusCode).toBe(201);
    const phone = await newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      await signIn(phone, 'S0048');
      const token = (await phone.context().cookies()).find((c) => c.name === 'cd_session')!.value;
      const mine = await ctx.app.inject({ method: 'POST', url: '/api/tickets', headers: asCookie(token), payload: { serviceId: service } });
      expect(mine.statusCode).toBe(201);
      const ticket = mine.json<{ id: string; number: string }>();
      await phone.goto(`${ctx.baseUrl}/tickets/${ticket.id}`);
      await phone.locator('[data-testid="ticket-live"][data-state="live"]').waitFor();
      expect(await phone.getByTestId('ticket-ahead').getAttribute('data-ahead')).toBe('1');

      const call = () => ctx.app.inject({ method: 'POST', url: `/api/windows/${clerk.windowId}/call-next`, headers: asCookie(clerk.token) });
      const first = (await call()).json<{ id: string }>();
      await expect.poll(() => phone.getByTestId('ticket-ahead').getAttribute('data-ahead'), { timeout: 2000 }).toBe('0');
      await phone.locator('[data-testid="ticket-heads-up"]').waitFor({ timeout: 2000 });
      await ctx.app.inject({ method: 'POST', url: `/api/tickets/${first.id}/no-show`, headers: asCookie(clerk.token) });
      const called = Date.now();
      expect((await call()).json<{ id: string }>().id).toBe(ticket.id);
      const notice = phone.getByTestId('ticket-called-notice');
      await notice.waitFor({ timeout: 2000 });
      expect(Date.now() - called).toBeLessThan(2000);
      await expect.poll(() => notice.innerText()).toContain(ticket.number);
      expect(await notice.innerText()).toContain('12');
      await phone.screenshot({ path: screenshotPath('ticket-called-phone'), animations: 'disabled' });
      await phone.getByTestId('ticket-called-dismiss').click();
      await notice.waitFor({ state: 'hidden' });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context().close();
    }
  });

  it('asks before a no-show, and the holder then reads 未到时间 and until when to rejoin', async () => {
    const clerk = await openWindow(ctx.app, 'clerk14', 14);
    const service = await serviceId(ctx.app, 'w14-grade-review');
    const student = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const desk = await newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(student, 'S0049');
      const token = (await student.context().cookies()).find((c) => c.name === 'cd_session')!.value;
      const mine = await ctx.app.inject({ method: 'POST', url: '/api/tickets', headers: asCookie(token), payload: { serviceId: service } });
      expect(mine.statusCode).toBe(201);
      const ticket = mine.json<{ id: string; number: string }>();
      const status = async () => (await ctx.app.pg.sql`select status from tickets where id = ${ticket.id}`)[0]!.status as string;

      await signIn(desk, 'clerk14');
      await desk.goto(`${ctx.baseUrl}/desk/${clerk.windowId}`);
      await desk.getByTestId('desk-call-next').click();
      await expect.poll(() => desk.getByTestId('desk-current-number').innerText()).toBe(ticket.number);
      // One press only asks.
      await desk.getByTestId('desk-no-show').click();
      const dialog = desk.getByTestId('no-show-dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(ticket.number);
      await desk.screenshot({ path: screenshotPath('desk-no-show-confirm') });
      await desk.getByTestId('no-show-cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await status()).toBe('called');
      // The X shortcut asks too; confirming marks it.
      await desk.keyboard.press('x');
      await dialog.waitFor();
      await desk.getByTestId('no-show-confirm').click();
      await expect.poll(status).toBe('no_show');
      await expect.poll(() => desk.getByTestId('desk-message').innerText()).toContain(ticket.number);

      await student.goto(`${ctx.baseUrl}/tickets/${ticket.id}`);
      await expect.poll(() => student.getByTestId('ticket-status').getAttribute('data-status')).toBe('no_show');
      expect(await student.getByTestId('ticket-final-label').innerText()).toBe('未到时间');
      // Until when to rejoin is the API's word: the button shows while that time is ahead.
      const api = (await ctx.app.inject({ url: `/api/tickets/${ticket.id}`, headers: asCookie(token) })).json<{ rejoinUntil?: string | null }>();
      const until = api.rejoinUntil && Date.parse(api.rejoinUntil) > Date.now() ? new Date(api.rejoinUntil) : null;
      const note = student.getByTestId('ticket-rejoin-note');
      expect(await note.getAttribute('data-open')).toBe(String(until !== null));
      expect(await student.getByTestId('ticket-rejoin').count()).toBe(until ? 1 : 0);
      if (until) {
        const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
        expect(await note.innerText()).toBe(`请在 ${hhmm} 前重新排队`);
      } else {
        expect(await note.innerText()).toContain('重新排队的时间已过');
      }
      await student.screenshot({ path: screenshotPath('ticket-no-show-phone'), fullPage: true });
      expect(desk.errors).toEqual([]);
      expect(student.errors).toEqual([]);
    } finally {
      await desk.context().close();
      await student.context().close();
    }
  });
});
