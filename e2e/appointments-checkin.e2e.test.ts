import { DateTime } from 'luxon';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAppointment } from '../test-support/appointments.ts';
import { injectAs } from '../test-support/auth.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { createStudents, kioskIssue, openWindow, serviceId } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

/**
 * An appointment on its day: the student books a slot online, checks in at the kiosk with the
 * booking code (the slip says 预约), and the clerk's call-next gets that ticket before a walk-in who
 * came earlier, with the holder's checklist ticks beside it. Too early at the kiosk: told when to come back.
 */
const ctx = useListeningApp({ TICKET_RATE_PER_KIOSK: '5000' });
const HALL = 'Asia/Shanghai';
let browser: Browser;
let service: number;
let windowIdOf8: number;

beforeAll(async () => {
  browser = await launchBrowser();
  // Window 8's clerk is at work, so its services are open whatever the hour.
  ({ windowId: windowIdOf8 } = await openWindow(ctx.app, 'clerk08', 8));
  service = await serviceId(ctx.app, 'w08-household-certificate');
  const { sql } = ctx.app.pg;
  await sql`update services set appointment_enabled = true where id = ${service}`;
  // A slot five minutes ahead is bookable in this test (the default lead time is 30 minutes).
  await sql`update appointment_rules set min_lead_minutes = 0`;
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
  const booked = res.json<{ appointment: { id: string; checklist: { materialId: number; nameZh: string }[] } }>();
  const [row] = await sql`select check_in_code, slot_start from appointments where id = ${booked.appointment.id}`;
  return { student: student!, start, id: booked.appointment.id, checklist: booked.appointment.checklist, code: row!.check_in_code as string };
}

async function openKiosk(viewport: { width: number; height: number }) {
  const kiosk = await newPage({ viewport, hasTouch: true });
  await kiosk.goto(ctx.baseUrl + '/kiosk?token=demo-kiosk');
  await kiosk.getByTestId('kiosk-checkin-entry').click();
  await kiosk.getByTestId('checkin-step').waitFor();
  return kiosk;
}

/** Every key of the code keyboard large (56 px at the least), inside the screen and not hidden under the rest. */
async function expectKeysOnScreen(page: Page, viewport: { width: number; height: number }) {
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

describe('checking in an appointment at the kiosk', () => {
  it('checks in with the booking code, prints 预约, and the clerk calls that ticket before an earlier walk-in', async () => {
    const { sql } = ctx.app.pg;
    // A walk-in who came first is waiting.
    const walkIn = await kioskIssue(ctx.app, service);
    expect(walkIn.statusCode).toBe(201);
    const walkInNumber = walkIn.json<{ number: string }>().number;

    const appt = await bookedSlot(5);
    const ticked = appt.checklist[0];
    if (ticked) {
      const res = await injectAs(ctx.app, appt.student.token, { method: 'PUT', url: `/api/appointments/${appt.id}/ticks`, payload: { materialIds: [ticked.materialId] } });
      expect(res.statusCode, res.body).toBe(200);
    }

    const kiosk = await openKiosk({ width: 1080, height: 1920 });
    let number: string;
    try {
      // The code typed on the kiosk's own keys.
      for (const ch of appt.code) await kiosk.locator(`[data-testid="checkin-key"][data-key="${ch}"]`).click();
      await expect.poll(() => kiosk.getByTestId('checkin-code').getAttribute('data-value')).toBe(appt.code);
      await expectKeysOnScreen(kiosk, { width: 1080, height: 1920 });
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-code-portrait') });
      await kiosk.getByTestId('checkin-submit').click();
      const numberEl = kiosk.getByTestId('kiosk-ticket-number');
      await numberEl.waitFor();
      number = (await numberEl.innerText()).trim();
      expect(await kiosk.getByTestId('kiosk-appointment-badge').innerText()).toBe('预约');
      expect(await kiosk.locator('.step-title').innerText()).toBe('签到成功');
      const [row] = await sql`select t.number, t.channel::text as channel, a.status::text as status from tickets t join appointments a on a.ticket_id = t.id
        where t.appointment_id = ${appt.id}`;
      expect(row).toMatchObject({ number, channel: 'appointment', status: 'checked_in' });
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-kiosk') });
      await kiosk.emulateMedia({ media: 'print' });
      expect(await kiosk.getByTestId('slip-appointment').innerText()).toBe('预约');
      await kiosk.screenshot({ path: screenshotPath('appointments-checkin-slip-print') });
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context().close();
    }

    // Five minutes on: the slot has started, so the appointment's ticket is due (its line place is the slot's start).
    await sql`update tickets set queued_at = now() - interval '1 minute' where appointment_id = ${appt.id}`;

    const desk = await newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(desk, 'clerk08');
      await desk.goto(`${ctx.baseUrl}/desk/${windowIdOf8}`);
      await expect.poll(() => desk.getByTestId('desk-session-state').getAttribute('data-state')).toBe('open');
      const row = desk.locator(`[data-testid="desk-appointment-row"][data-ticket-number="${number}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('checked_in');
      expect(await row.innerText()).toContain('已签到');
      const [rows] = await sql`select count(*)::int as n from appointments a join service_windows sw on sw.service_id = a.service_id
        where sw.window_id = ${windowIdOf8} and a.status <> 'cancelled'
          and (a.slot_start at time zone ${HALL})::date = (now() at time zone ${HALL})::date`;
      expect(await desk.getByTestId('desk-appointment-row').count()).toBe(rows!.n);
      // The holder's name is masked.
      expect(await row.innerText()).not.toContain('测试学生1');

      await desk.getByTestId('desk-call-next').click();
      await expect.poll(() => desk.getByTestId('desk-current-number').innerText()).toBe(number);
      const [called] = await sql`select appointment_id, status::text as status from tickets where window_id = ${windowIdOf8} and status = 'called'`;
      expect(called).toMatchObject({ appointment_id: appt.id, status: 'called' });
      // The walk-in still waits.
      const [w] = await sql`select status::text as status from tickets where number = ${walkInNumber} order by issued_at desc limit 1`;
      expect(w!.status).toBe('waiting');

      const beside = desk.getByTestId('desk-current-appointment');
      await beside.waitFor();
      if (ticked) await expect.poll(() => desk.getByTestId('desk-current-ticks').innerText()).toContain(ticked.nameZh);
      await desk.screenshot({ path: screenshotPath('appointments-desk-panel'), fullPage: true });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
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
      for (const ch of appt.code) await kiosk.locator(`[data-testid="checkin-key"][data-key="${ch}"]`).click();
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
      for (const ch of 'AAAAAA') await kiosk.locator(`[data-testid="checkin-key"][data-key="${ch}"]`).click();
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
