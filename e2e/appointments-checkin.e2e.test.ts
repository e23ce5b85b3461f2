import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAppointment } from '../test-support/appointments.ts';
import { expectKeysOnScreen, openCheckIn, pressCode } from '../test-support/appointment-pages.ts';
import { injectAs } from '../test-support/auth.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { createStudents, openWindow, serviceId } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

/**
 * The kiosk's answers around a check-in: a QR scanner typing the code, too early (when to come back,
 * in hall time), too late (a normal ticket instead), an unknown code. The whole day of an
 * appointment, booking to call-next, is e2e/appointment-day.e2e.test.ts.
 */
const ctx = useListeningApp({ TICKET_RATE_PER_KIOSK: '5000' });
const HALL = 'Asia/Shanghai';
let browser: Browser;
let service: number;

beforeAll(async () => {
  browser = await launchBrowser();
  // Window 8's clerk is at work, so its services are open whatever the hour.
  await openWindow(ctx.app, 'clerk08', 8);
  service = await serviceId(ctx.app, 'w08-household-certificate');
  const { sql } = ctx.app.pg;
  await sql`update services set appointment_enabled = true where id = ${service}`;
  // A slot five minutes ahead is bookable in this test (the default lead time is 30 minutes).
  await sql`update appointment_rules set min_lead_minutes = 0`;
});
afterAll(async () => {
  await browser?.close();
});

/** A slot of the service `minutesAhead` from now (to the minute), booked by a new student through the API. */
async function bookedSlot(minutesAhead: number) {
  const { sql } = ctx.app.pg;
  const start = new Date(Math.floor((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 15 * 60_000);
  await sql`insert into appointment_slots (service_id, starts_at, ends_at, hall_date, capacity)
    values (${service}, ${start.toISOString()}, ${end.toISOString()}, (${start.toISOString()}::timestamptz at time zone ${HALL})::date, 2)`;
  const [student] = await createStudents(ctx.app, 1);
  const res = await injectAs(ctx.app, student!.token, {
    method: 'POST',
    url: '/api/appointments',
    payload: { serviceId: service, start: DateTime.fromJSDate(start).setZone(HALL).toISO({ suppressMilliseconds: true }) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const booked = res.json<{ appointment: { id: string } }>();
  const [row] = await sql`select check_in_code from appointments where id = ${booked.appointment.id}`;
  return { student: student!, start, id: booked.appointment.id, code: row!.check_in_code as string };
}

const openKiosk = (viewport: { width: number; height: number }) => openCheckIn(browser, ctx.baseUrl, viewport);

describe('checking in an appointment at the kiosk', () => {
  it('a QR scanner that types the code and Enter, like a keyboard, checks in at once', async () => {
    const { sql } = ctx.app.pg;
    const appt = await bookedSlot(5);
    const kiosk = await openKiosk({ width: 1080, height: 1920 });
    try {
      // What the appointment page's QR code carries is the booking code itself.
      // A scanner sends it as key presses (in whatever case), then Enter; nothing on the screen is touched.
      await kiosk.keyboard.type(appt.code.toLowerCase(), { delay: 15 });
      await kiosk.keyboard.press('Enter');
      const numberEl = kiosk.getByTestId('kiosk-ticket-number');
      await numberEl.waitFor();
      const number = (await numberEl.innerText()).trim();
      expect(await kiosk.getByTestId('kiosk-appointment-badge').innerText()).toBe('预约');
      const [row] = await sql`select t.number, t.channel::text as channel, a.status::text as status from tickets t join appointments a on a.ticket_id = t.id
        where t.appointment_id = ${appt.id}`;
      expect(row).toMatchObject({ number, channel: 'appointment', status: 'checked_in' });
      const [audit] = await sql`select after->>'via' as via from audit_log where action = 'appointment.checked_in' and object_id = ${appt.id}`;
      expect(audit!.via).toBe('code');
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-scanned') });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  });

  it('keys a scanner sends with no code behind them leave the screen as it was', async () => {
    const kiosk = await openKiosk({ width: 1280, height: 1024 });
    try {
      const [before] = await ctx.app.pg.sql`select count(*)::int as n from tickets`;
      // Letters booking codes never use (O, I, Z, S, B, 0…) are not typed into the cells; Enter on a short code does nothing.
      await kiosk.keyboard.type('OIZ0SB');
      await kiosk.keyboard.press('Enter');
      expect(await kiosk.getByTestId('checkin-code').getAttribute('data-value')).toBe('');
      await kiosk.keyboard.type('ACD');
      await kiosk.keyboard.press('Backspace');
      await kiosk.keyboard.press('Enter');
      await expect.poll(() => kiosk.getByTestId('checkin-code').getAttribute('data-value')).toBe('AC');
      expect(await kiosk.getByTestId('checkin-answer').count()).toBe(0);
      const [after] = await ctx.app.pg.sql`select count(*)::int as n from tickets`;
      expect(after!.n).toBe(before!.n);
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  });

  it('too early: tells the student when to come back, in hall time', async () => {
    const appt = await bookedSlot(120);
    const kiosk = await openKiosk({ width: 1280, height: 1024 });
    try {
      await kiosk.getByTestId('checkin-mode-number').click();
      await kiosk.getByTestId('checkin-number').fill(appt.student.number);
      await kiosk.getByTestId('checkin-submit').click();
      const answer = kiosk.getByTestId('checkin-answer');
      await answer.waitFor();
      expect(await answer.getAttribute('data-kind')).toBe('tooEarly');
      const [rules] = await ctx.app.pg.sql`select check_in_early_minutes::int as early from appointment_rules`;
      const comeBack = DateTime.fromJSDate(appt.start).setZone(HALL).minus({ minutes: rules!.early as number }).toFormat('HH:mm');
      expect(await kiosk.getByTestId('checkin-come-back').innerText()).toBe(`请于 ${comeBack} 后再来签到`);
      const [row] = await ctx.app.pg.sql`select status::text as status, ticket_id from appointments where id = ${appt.id}`;
      expect(row).toMatchObject({ status: 'booked', ticket_id: null });
      const { sh, h } = await kiosk.evaluate<{ sh: number; h: number }>('({ sh: document.documentElement.scrollHeight, h: innerHeight })');
      expect(sh).toBeLessThanOrEqual(h);
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-too-early') });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  });

  it('too late: says why, and takes a normal ticket of the same service instead', async () => {
    const { sql } = ctx.app.pg;
    const [student] = await createStudents(ctx.app, 1);
    // Its slot started 20 minutes ago: check-in closed 10 minutes after the start.
    // A code of the letters real ones use (the kiosk has keys for those only).
    const letters = 'ACDEFGHJKMNPQRTUVWXY34679';
    const code = Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
    const appt = await insertAppointment(sql, { serviceId: service, personId: student!.personId, slotStart: new Date(Date.now() - 20 * 60_000), hallTz: HALL, code });
    const kiosk = await openKiosk({ width: 1080, height: 1920 });
    try {
      await pressCode(kiosk, appt.code);
      await kiosk.getByTestId('checkin-submit').click();
      const answer = kiosk.getByTestId('checkin-answer');
      await answer.waitFor();
      expect(await answer.getAttribute('data-kind')).toBe('tooLate');
      expect(await answer.innerText()).toContain('已超过签到时间');
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-too-late') });
      const [before] = await sql`select count(*)::int as n from tickets where service_id = ${service}`;
      await kiosk.getByTestId('checkin-walk-in').click();
      // The service's own confirm step, as if picked from the list.
      const issue = kiosk.getByTestId('kiosk-issue');
      await issue.waitFor();
      expect(await kiosk.locator('.step-title').innerText()).toBe('开具户籍证明');
      await issue.click();
      const number = (await kiosk.getByTestId('kiosk-ticket-number').innerText()).trim();
      expect(await kiosk.getByTestId('kiosk-appointment-badge').count()).toBe(0);
      const [after] = await sql`select count(*)::int as n from tickets where service_id = ${service}`;
      expect(after!.n).toBe(before!.n + 1);
      const [row] = await sql`select channel::text as channel, appointment_id from tickets where number = ${number} order by issued_at desc limit 1`;
      expect(row).toMatchObject({ channel: 'kiosk', appointment_id: null });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  });

  it('an unknown code is answered in words, with nothing issued', async () => {
    const kiosk = await openKiosk({ width: 1280, height: 1024 });
    try {
      const [before] = await ctx.app.pg.sql`select count(*)::int as n from tickets`;
      await pressCode(kiosk, 'AAAAAA');
      await expectKeysOnScreen(kiosk, { width: 1280, height: 1024 });
      await kiosk.getByTestId('checkin-submit').click();
      const answer = kiosk.getByTestId('checkin-answer');
      await answer.waitFor();
      expect(await answer.getAttribute('data-kind')).toBe('notFound');
      expect(await answer.innerText()).toContain('没有找到今天可签到的预约');
      expect(await answer.innerText()).not.toMatch(/[a-z_]{6,}/);
      const [after] = await ctx.app.pg.sql`select count(*)::int as n from tickets`;
      expect(after!.n).toBe(before!.n);
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-not-found') });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }
  });
});
