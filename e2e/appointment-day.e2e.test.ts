import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSlots } from '../server/src/appointments/slot-generation.ts';
import { movableClock } from '../server/src/common/clock.ts';
import { checkedPage, expectBrandOnOneLine, expectKeysOnScreen, expectNoSideScroll, openCheckIn, PHONE, pressCode, signIn } from '../test-support/appointment-pages.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { createStudents, kioskIssue, openWindow, serviceId } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

/**
 * One appointment from booking to the window, as the issue's "done when" tells it: a student books
 * a slot on a phone, the kiosk checks them in with the booking code, and once the slot is due the
 * clerk's call-next gets that ticket before a walk-in who came earlier. The hour is the app's own
 * clock, moved by the test (the rows keep the times they were written with).
 */
const clock = movableClock();
const ctx = useListeningApp({ TICKET_RATE_PER_KIOSK: '5000' }, { clock: clock.clock });
const HALL = 'Asia/Shanghai';
const MINUTE = 60_000;
let browser: Browser;
let service: number;
let windowIdOf8: number;

beforeAll(async () => {
  browser = await launchBrowser();
  // Tests do not generate slots at start: the demo services' next days, as `npm start` would.
  await generateSlots(ctx.app.db, ctx.config.hallTz);
  // Window 8's clerk is at work, so its services are open whatever the hour.
  ({ windowId: windowIdOf8 } = await openWindow(ctx.app, 'clerk08', 8));
  service = await serviceId(ctx.app, 'w08-household-certificate');
});
afterAll(async () => {
  clock.reset();
  await browser?.close();
});

/** A timestamptz as read back (a Date or its text), in ms. */
const instant = (v: unknown) => new Date(v as string | Date).getTime();

const slotRow = async (start: string) =>
  (await ctx.app.pg.sql`select capacity, taken from appointment_slots where service_id = ${service} and starts_at = ${start}::timestamptz`)[0] as { capacity: number; taken: number };

/** Seats left over a day's bookable slots, as the capacity table says (not withdrawn, not within the lead time). */
const seatsLeftOfDay = async (date: string) =>
  Number(
    (
      await ctx.app.pg.sql`select coalesce(sum(greatest(s.capacity - s.taken, 0)), 0)::int as n from appointment_slots s, appointment_rules r
        where s.service_id = ${service} and s.hall_date = ${date}::date and not s.withdrawn and s.starts_at >= now() + make_interval(mins => r.min_lead_minutes)`
    )[0]!.n,
  );

describe('an appointment from the phone to the window', () => {
  it('books on a phone, checks in at the kiosk by code, and call-next serves it first once its slot is due', async () => {
    const { sql } = ctx.app.pg;
    const [student] = await createStudents(ctx.app, 1);

    // 1. The student books the first time of the first day with seats, on a phone.
    const phone = await checkedPage(browser, PHONE);
    let appointmentId: string;
    let code: string;
    let start: string;
    let tickedName: string | null = null;
    try {
      await signIn(phone, ctx.baseUrl, student!.number);
      await phone.goto(`${ctx.baseUrl}/services/${service}`);
      await phone.getByTestId('book-appointment').click();
      await phone.waitForURL(/\/services\/\d+\/book$/);
      const day = phone.getByTestId('slot-day').filter({ has: phone.getByTestId('slot-day-seats') }).first();
      await day.waitFor();
      const date = (await day.getAttribute('data-date'))!;
      const shown = Number(await day.getByTestId('slot-day-seats').getAttribute('data-remaining'));
      expect(await day.getByTestId('slot-day-seats').innerText()).toBe(`余 ${shown} 个`);
      expect(shown).toBe(await seatsLeftOfDay(date));
      expect(shown).toBeGreaterThan(0);
      await day.click();
      const time = phone.getByTestId('slot-time').filter({ hasNotText: '已约满' }).first();
      await time.waitFor();
      start = (await time.getAttribute('data-start'))!;
      const before = await slotRow(start);
      await time.click();
      await phone.screenshot({ path: screenshotPath('appointment-day-calendar-phone'), fullPage: true });

      await phone.getByTestId('book-submit').click();
      await phone.waitForURL(/\/appointments\/[0-9a-f-]{36}\?booked=1$/);
      const codeEl = phone.getByTestId('appointment-code');
      await codeEl.waitFor();
      const [row] = await sql`select id, check_in_code, status::text as status, slot_start from appointments where person_id = ${student!.personId}`;
      expect(row).toMatchObject({ status: 'booked' });
      expect(instant(row!.slot_start)).toBe(new Date(start).getTime());
      appointmentId = row!.id as string;
      code = row!.check_in_code as string;
      expect((await codeEl.innerText()).trim()).toBe(code);
      expect(await phone.getByTestId('appointment-qr').getAttribute('data-qr-text')).toBe(code);
      expect((await slotRow(start)).taken).toBe(before.taken + 1);

      // What to bring: the first material ticked, saved at once.
      const tick = phone.getByTestId('appointment-tick').first();
      if ((await tick.count()) > 0) {
        await tick.check();
        const materialId = Number(await tick.getAttribute('data-material-id'));
        await expect
          .poll(async () => (await sql`select material_id from appointment_material_ticks where appointment_id = ${appointmentId}`).map((r) => r.material_id))
          .toEqual([materialId]);
        tickedName = ((await sql`select name_zh from service_materials where id = ${materialId}`)[0]!.name_zh as string) ?? null;
      }
      await phone.screenshot({ path: screenshotPath('appointment-day-booked-phone'), fullPage: true });
      await expectNoSideScroll(phone);
      // A student number beside the account menu does not push the hall's name onto two lines.
      await expectBrandOnOneLine(phone);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context().close();
    }

    // 2. Ten minutes before the slot: a walk-in takes a ticket, then the student checks in at the kiosk.
    const slotStart = new Date(start);
    clock.set(new Date(slotStart.getTime() - 10 * MINUTE));
    const walkIn = await kioskIssue(ctx.app, service);
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const walkInId = walkIn.json<{ id: string }>().id;

    const kiosk = await openCheckIn(browser, ctx.baseUrl, { width: 1080, height: 1920 });
    let number: string;
    try {
      await pressCode(kiosk, code);
      await expect.poll(() => kiosk.getByTestId('checkin-code').getAttribute('data-value')).toBe(code);
      await expectKeysOnScreen(kiosk, { width: 1080, height: 1920 });
      await kiosk.getByTestId('checkin-submit').click();
      const numberEl = kiosk.getByTestId('kiosk-ticket-number');
      await numberEl.waitFor();
      number = (await numberEl.innerText()).trim();
      expect(await kiosk.getByTestId('kiosk-appointment-badge').innerText()).toBe('预约');
      expect(await kiosk.locator('.step-title').innerText()).toBe('签到成功');
      // Queued from the slot's start, not from the check-in: not due yet.
      const [row] = await sql`select t.number, t.channel::text as channel, t.queued_at, a.status::text as status, a.checked_in_at
        from tickets t join appointments a on a.ticket_id = t.id where t.appointment_id = ${appointmentId}`;
      expect(row).toMatchObject({ number, channel: 'appointment', status: 'checked_in' });
      expect(instant(row!.queued_at)).toBe(slotStart.getTime());
      expect(Math.abs(instant(row!.checked_in_at) - (slotStart.getTime() - 10 * MINUTE))).toBeLessThan(MINUTE);
      await kiosk.screenshot({ path: screenshotPath('appointment-day-checkin-kiosk') });
      await kiosk.emulateMedia({ media: 'print' });
      expect(await kiosk.getByTestId('slip-appointment').innerText()).toBe('预约');
      await kiosk.screenshot({ path: screenshotPath('appointment-day-slip-print') });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
    const [appointmentTicket] = await sql`select id from tickets where appointment_id = ${appointmentId}`;
    const appointmentTicketId = appointmentTicket!.id as string;

    // 3. The clerk: before the slot the walk-in who came first heads the line; once it is due, the appointment does.
    const desk = await checkedPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await signIn(desk, ctx.baseUrl, 'clerk08');
      await desk.goto(`${ctx.baseUrl}/desk/${windowIdOf8}`);
      await expect.poll(() => desk.getByTestId('desk-session-state').getAttribute('data-state')).toBe('open');
      const waitingIds = () => desk.getByTestId('desk-waiting-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-ticket-id')));
      await expect.poll(async () => (await waitingIds()).filter((id) => id === walkInId || id === appointmentTicketId)).toEqual([walkInId, appointmentTicketId]);

      const row = desk.locator(`[data-testid="desk-appointment-row"][data-ticket-number="${number}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('checked_in');
      expect(await row.innerText()).toContain('已签到');
      // The holder's name is masked.
      expect(await row.innerText()).not.toContain('测试学生1');
      const [rows] = await sql`select count(*)::int as n from appointments a join service_windows sw on sw.service_id = a.service_id
        where sw.window_id = ${windowIdOf8} and a.status <> 'cancelled'
          and (a.slot_start at time zone ${HALL})::date = (${clock.clock().toISOString()}::timestamptz at time zone ${HALL})::date`;
      expect(await desk.getByTestId('desk-appointment-row').count()).toBe(rows!.n);

      // The slot has started a minute ago.
      clock.set(new Date(slotStart.getTime() + MINUTE));
      await desk.reload();
      await expect.poll(async () => (await waitingIds())[0]).toBe(appointmentTicketId);
      await desk.getByTestId('desk-call-next').click();
      await expect.poll(() => desk.getByTestId('desk-current-number').innerText()).toBe(number);
      const [called] = await sql`select id, appointment_id from tickets where window_id = ${windowIdOf8} and status = 'called'`;
      expect(called).toMatchObject({ id: appointmentTicketId, appointment_id: appointmentId });
      const [w] = await sql`select status::text as status from tickets where id = ${walkInId}`;
      expect(w!.status).toBe('waiting');
      await desk.getByTestId('desk-current-appointment').waitFor();
      if (tickedName) await expect.poll(() => desk.getByTestId('desk-current-ticks').innerText()).toContain(tickedName);
      await desk.screenshot({ path: screenshotPath('appointment-day-desk'), fullPage: true });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
    }

    // 4. On the student's phone: the ticket among my tickets, called to window 8; the appointment checked in.
    const after = await checkedPage(browser, PHONE);
    try {
      await signIn(after, ctx.baseUrl, student!.number);
      await after.goto(ctx.baseUrl + '/me/tickets');
      const ticketRow = after.locator(`[data-testid="my-ticket"][data-ticket-id="${appointmentTicketId}"]`);
      await ticketRow.waitFor();
      const text = await ticketRow.innerText();
      expect(text).toContain(number);
      expect(text).toContain('请到 8 号窗口');
      await after.screenshot({ path: screenshotPath('appointment-day-my-tickets-phone'), fullPage: true });
      await after.goto(ctx.baseUrl + '/me/appointments');
      const mine = after.locator(`[data-testid="my-appointment"][data-appointment-id="${appointmentId}"]`);
      await mine.waitFor();
      expect(await mine.innerText()).toContain('已签到');
      await expectNoSideScroll(after);
      await after.screenshot({ path: screenshotPath('appointment-day-my-appointments-phone'), fullPage: true });
      expect(after.errors).toEqual([]);
    } finally {
      await after.context().close();
    }
  });
});
