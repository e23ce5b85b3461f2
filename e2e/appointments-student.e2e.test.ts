import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSlots } from '../server/src/appointments/slot-generation.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { injectAs } from '../test-support/auth.ts';
import { createBookableSlot, createStudents, slotSeats } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  // Tests do not generate slots at start: the demo services' next days, as `npm start` would.
  await generateSlots(ctx.app.db, ctx.config.hallTz);
});
afterAll(async () => {
  await browser?.close();
});

type CheckedPage = Page & { errors: string[] };

async function phonePage(): Promise<CheckedPage> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = (await context.newPage()) as CheckedPage;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(msg.text());
  });
  return page;
}

async function signIn(page: Page, username: string) {
  await page.goto(ctx.baseUrl + '/login');
  // Every test account shares the demo admin's password hash.
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

const slotRow = async (serviceId: number, start: string) =>
  (await ctx.app.pg.sql`select capacity, taken from appointment_slots where service_id = ${serviceId} and starts_at = ${start}::timestamptz`)[0] as { capacity: number; taken: number };

describe('a student books an appointment on a phone', () => {
  it('moves a booked appointment to another time (same code, the seat moves), lists it, then cancels it', async () => {
    const { sql } = ctx.app.pg;
    const [service] = await sql`select id from services where appointment_enabled and active order by id limit 1`;
    const serviceId = service!.id as number;
    const [student] = await createStudents(ctx.app, 1);
    // Booked through the API (booking in the browser is the appointment-day test's first step).
    const [slot] = await sql`select to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start from appointment_slots s, appointment_rules r
      where s.service_id = ${serviceId} and not s.withdrawn and s.taken < s.capacity
        and s.starts_at >= now() + make_interval(mins => greatest(r.min_lead_minutes, r.cancel_cutoff_minutes) + 10)
      order by s.starts_at limit 1`;
    const booked = await injectAs(ctx.app, student!.token, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: slot!.start } });
    expect(booked.statusCode, booked.body).toBe(201);
    const [row] = await sql`select id, check_in_code, slot_start from appointments where person_id = ${student!.personId}`;
    const start = slot!.start as string;
    const before = await slotRow(serviceId, start);
    const page = await phonePage();
    try {
      await signIn(page, student!.number);
      await page.goto(`${ctx.baseUrl}/appointments/${row!.id}`);
      await page.getByTestId('appointment-code').waitFor();

      // Moving it: the first other time with seats; same code, the seat moves in SQL.
      await page.getByTestId('appointment-reschedule').click();
      const panel = page.getByTestId('reschedule-panel');
      // A later time than the booked one, so the moved appointment is still outside the change cutoff
      // (the list may offer earlier times of today that can be booked but no longer changed).
      const days = panel.getByTestId('slot-day').filter({ has: page.getByTestId('slot-day-seats') });
      await days.first().waitFor();
      let other: Locator | null = null;
      for (let d = 0; d < (await days.count()) && !other; d++) {
        await days.nth(d).click();
        const times = panel.getByTestId('slot-time').filter({ hasNotText: '已约满' });
        await times.first().waitFor();
        for (let i = 0; i < (await times.count()); i++) {
          if (new Date((await times.nth(i).getAttribute('data-start'))!).getTime() > new Date(start).getTime()) {
            other = times.nth(i);
            break;
          }
        }
      }
      if (!other) throw new Error('no later time with seats to move to');
      const newStart = (await other.getAttribute('data-start'))!;
      expect(newStart).not.toBe(start);
      const otherBefore = await slotRow(serviceId, newStart);
      await other.click();
      await panel.getByTestId('reschedule-submit').click();
      await expect.poll(() => page.getByTestId('appointment-notice').innerText()).toContain('预约码不变');
      const [moved] = await ctx.app.pg.sql`select id, check_in_code from appointments where person_id = ${student!.personId} and status = 'booked'`;
      expect(moved!.check_in_code).toBe(row!.check_in_code);
      expect(moved!.id).not.toBe(row!.id);
      await expect.poll(() => page.url()).toContain(moved!.id as string);
      expect((await slotRow(serviceId, start)).taken).toBe(before.taken - 1);
      expect((await slotRow(serviceId, newStart)).taken).toBe(otherBefore.taken + 1);

      // Listed among my appointments, upcoming.
      await page.goto(ctx.baseUrl + '/me/appointments');
      const mine = page.getByTestId('my-appointment');
      await mine.first().waitFor();
      expect(await mine.count()).toBe(1);
      expect(await mine.first().innerText()).toContain(row!.check_in_code as string);
      await page.screenshot({ path: screenshotPath('appointments-mine-phone'), fullPage: true });
      await mine.first().click();

      await page.getByTestId('appointment-cancel').click();
      await page.getByTestId('cancel-dialog').waitFor();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => page.getByTestId('appointment-status').innerText()).toBe('已取消');
      const [after] = await ctx.app.pg.sql`select status from appointments where id = ${moved!.id}`;
      expect(after!.status).toBe('cancelled');
      expect((await slotRow(serviceId, newStart)).taken).toBe(otherBefore.taken);
      expect((await slotRow(serviceId, start)).taken).toBe(before.taken - 1);

      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('when booking is refused', () => {
  it('offers the waitlist of a full slot and puts me on it', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1, 48);
    const [first, second] = await createStudents(ctx.app, 2);
    const taken = await injectAs(ctx.app, first!.token, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: start.toISOString() } });
    expect(taken.statusCode).toBe(201);
    const page = await phonePage();
    try {
      await signIn(page, second!.number);
      await page.goto(`${ctx.baseUrl}/services/${serviceId}/book`);
      const day = page.getByTestId('slot-day').first();
      await day.waitFor();
      expect(await day.innerText()).toContain('已约满');
      expect(await day.innerText()).toContain('可候补');
      await day.click();
      const time = page.getByTestId('slot-time').first();
      await time.waitFor();
      expect(await time.innerText()).toContain('已约满');
      await time.click();
      await page.getByTestId('join-waitlist').click();
      await expect.poll(() => page.getByTestId('waitlist-joined').innerText()).toContain('第 1 位');
      const rows = await ctx.app.pg.sql`select status from appointment_waitlist where person_id = ${second!.personId} and service_id = ${serviceId}`;
      expect(rows.map((r) => r.status)).toEqual(['waiting']);
      expect((await slotSeats(ctx.app, serviceId, start)).waiting).toBe(1);

      await page.goto(ctx.baseUrl + '/me/appointments');
      const entry = page.getByTestId('my-waitlist');
      await entry.first().waitFor();
      expect(await entry.first().innerText()).toContain('候补第 1 位');
      await page.screenshot({ path: screenshotPath('appointments-waitlist-phone'), fullPage: true });

      // Changing my mind: off the list, and the slot's line is empty again.
      await entry.first().getByTestId('waitlist-leave').click();
      await expect.poll(() => entry.count()).toBe(0);
      const left = await ctx.app.pg.sql`select status::text as status from appointment_waitlist where person_id = ${second!.personId} and service_id = ${serviceId}`;
      expect(left.map((r) => r.status)).toEqual(['left']);
      expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ capacity: 1, taken: 1, live: 1, offered: 0, waiting: 0 });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('a cancelled seat is offered to the first in line, who takes it from my appointments', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1, 48);
    const [first, second] = await createStudents(ctx.app, 2);
    const payload = { serviceId, start: start.toISOString() };
    const taken = await injectAs(ctx.app, first!.token, { method: 'POST', url: '/api/appointments', payload });
    expect(taken.statusCode).toBe(201);
    const joined = await injectAs(ctx.app, second!.token, { method: 'POST', url: '/api/appointments/waitlist', payload });
    expect(joined.statusCode, joined.body).toBe(201);
    const cancelled = await injectAs(ctx.app, first!.token, { method: 'POST', url: `/api/appointments/${taken.json<{ appointment: { id: string } }>().appointment.id}/cancel` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // The seat is held for the offer, not free for anyone else.
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 1, live: 0, offered: 1 });

    const page = await phonePage();
    try {
      await signIn(page, second!.number);
      await page.goto(ctx.baseUrl + '/me/appointments');
      const entry = page.locator('[data-testid="my-waitlist"][data-status="offered"]');
      await entry.waitFor();
      const [offer] = await ctx.app.pg.sql`select to_char(offer_expires_at at time zone ${ctx.config.hallTz}, 'HH24:MI') as until from appointment_waitlist
        where person_id = ${second!.personId} and status = 'offered'`;
      expect(await entry.innerText()).toContain(`${offer!.until} 前确认`);
      await page.screenshot({ path: screenshotPath('appointments-offer-phone'), fullPage: true });

      await entry.getByTestId('waitlist-accept').click();
      await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\?booked=1$/);
      const [mine] = await ctx.app.pg.sql`select id, check_in_code, status::text as status from appointments where person_id = ${second!.personId}`;
      expect(mine).toMatchObject({ status: 'booked' });
      expect(page.url()).toContain(mine!.id as string);
      expect((await page.getByTestId('appointment-code').innerText()).trim()).toBe(mine!.check_in_code);
      const rows = await ctx.app.pg.sql`select status::text as status from appointment_waitlist where person_id = ${second!.personId}`;
      expect(rows.map((r) => r.status)).toEqual(['booked']);
      expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ capacity: 1, taken: 1, live: 1, offered: 0, waiting: 0 });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('shows a suspension with its reason and its end in hall time, in Chinese then in English', async () => {
    const { serviceId } = await createBookableSlot(ctx.app, 5, 48);
    const [student] = await createStudents(ctx.app, 1);
    const [s] = await ctx.app.pg.sql`insert into booking_suspensions (person_id, ends_at, reason_zh, reason_en, appointment_ids)
      values (${student!.personId}, now() + interval '7 days', '连续两次预约未到', 'Two missed appointments in a row', '{}')
      returning to_char(ends_at at time zone ${ctx.config.hallTz}, 'YYYY-MM-DD HH24:MI') as until`;
    const page = await phonePage();
    try {
      await signIn(page, student!.number);
      await page.goto(`${ctx.baseUrl}/services/${serviceId}/book`);
      const notice = page.getByTestId('booking-suspended');
      await notice.waitFor();
      const text = await notice.innerText();
      expect(text).toContain('连续两次预约未到');
      expect(text).toContain(s!.until as string);
      expect(text).not.toMatch(/[A-Za-z_]{4,}/);
      await page.screenshot({ path: screenshotPath('appointments-suspended-phone'), fullPage: true });

      await page.getByTestId('lang-switch').click();
      await expect.poll(() => notice.innerText()).toContain('Two missed appointments in a row');
      expect(await page.locator('h1').innerText()).toContain('Book:');
      expect(await page.getByTestId('slot-day-seats').first().innerText()).toBe('5 left');
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
