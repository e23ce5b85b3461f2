import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { grantDoors } from '@campus/db';
import { injectAs, sessionFor } from '../test-support/auth.ts';
import { checkedPage, DESKTOP, launchBrowser, PHONE, screenshotPath, signIn as signInAt } from '../test-support/browser.ts';
import { createStudents } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';
import { cardDoorsOn, doorRig, heldLists, useDoorRig, waitUntil } from '../test-support/doors.ts';

const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(options: BrowserContextOptions) {
  const page = await checkedPage(browser, options, { refusalsShownInWords: true });
  // Confirmations are accepted; printing is recorded instead of opening the print dialog.
  page.on('dialog', (d) => void d.accept());
  await page.addInitScript('window.printed = 0; window.print = () => { window.printed += 1; };');
  return page;
}

const signIn = (page: Page, username: string) => signInAt(page, ctx.baseUrl, username);

/** A student with a card valid for years and two dorm doors granted on it. */
async function studentWithCard() {
  const [s] = await createStudents(ctx.app, 1);
  const { sql } = ctx.app.pg;
  await sql`update people set name = '林晓', unit_name = '信息学院', class_name = '信息2401班' where id = ${s!.personId}`;
  const [card] = await sql`insert into cards (card_no, person_id, type_code, valid_until, balance_fen, issued_at)
    values (${`2${s!.number.slice(1)}`}, ${s!.personId}, 'student', current_date + 900, 8650, now() - interval '1 year') returning id, card_no`;
  const doors = await sql`select id from doors order by id limit 2`;
  await ctx.app.db.transaction((tx) => grantDoors(tx, doors.map((d) => ({ cardId: card!.id as number, doorId: d.id as number, reason: 'bulk_import' as const }))));
  return { ...s!, cardId: card!.id as number, cardNo: card!.card_no as string };
}

const grantStates = async (cardId: number) => (await ctx.app.pg.sql`select status::text from lock_grants where card_id = ${cardId} order by door_id`).map((g) => g.status as string);

describe('my campus card', () => {
  it('a student reports the card lost on a phone, and unfreezes it', async () => {
    const s = await studentWithCard();
    const page = await newPage(PHONE);
    try {
      await signIn(page, s.number);
      await page.goto(ctx.baseUrl + '/me/cards');
      const face = page.getByTestId('card-face').first();
      await face.waitFor();
      expect(await face.getAttribute('data-status')).toBe('active');
      expect(await page.getByTestId('card-status').first().innerText()).toBe('正常');
      expect(await page.getByTestId('lost-left').innerText()).toBe('本学期还可自助挂失 2 次。');
      await page.screenshot({ path: screenshotPath('cards-mine-phone'), fullPage: true });

      await page.getByTestId('report-lost').click();
      await expect.poll(() => face.getAttribute('data-status')).toBe('lost');
      expect(await page.getByTestId('card-done').innerText()).toContain('已挂失');
      expect(await grantStates(s.cardId)).toEqual(['revoke_pending', 'revoke_pending']);
      const [row] = await ctx.app.pg.sql`select status::text from cards where id = ${s.cardId}`;
      expect(row!.status).toBe('lost');
      await page.screenshot({ path: screenshotPath('cards-mine-lost-phone'), fullPage: true });

      await page.getByTestId('unfreeze').click();
      await expect.poll(() => face.getAttribute('data-status')).toBe('active');
      expect(await grantStates(s.cardId)).toEqual(['pending', 'pending']);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: screenshotPath('cards-mine-desktop'), fullPage: true });
      // One self-service report used this semester, as the events table counts it.
      const [used] = await ctx.app.pg.sql`select count(*)::int as n from card_events where card_id = ${s.cardId} and type = 'reported_lost' and self_service`;
      expect(await page.getByTestId('lost-left').getAttribute('data-left')).toBe(String(2 - used!.n));
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('the card-center desk', () => {
  // The door pipeline runs for real here: the seeded controllers point at two simulators, and a worker pushes to them.
  const doors = useDoorRig(() => ctx.database.url);

  it('a clerk replaces a card with the fee and prints the receipt; the student sees the replacement’s progress', async () => {
    const s = await studentWithCard();
    const desk = await newPage(DESKTOP);
    let newCardNo: string;
    try {
      await signIn(desk, 'clerk21');
      await desk.goto(ctx.baseUrl + '/desk/cards');
      await desk.getByTestId('card-desk-search').fill(s.number);
      await desk.getByTestId('card-desk-find').click();
      await desk.getByTestId('card-desk-person').waitFor();
      await desk.getByTestId('replace-reason').selectOption('damaged');
      await desk.getByTestId('desk-replace').click();
      const done = desk.getByTestId('desk-replaced');
      await done.waitFor();

      const [rep] = await ctx.app.pg.sql`select r.fee_fen, r.balance_fen::int, c.card_no from card_replacements r join cards c on c.id = r.new_card_id where r.old_card_id = ${s.cardId}`;
      expect(rep).toMatchObject({ fee_fen: 2000, balance_fen: 8650 });
      newCardNo = rep!.card_no as string;
      expect(await done.innerText()).toContain(`已补办新卡 ${newCardNo}，工本费 ¥20.00。`);
      const [old] = await ctx.app.pg.sql`select status::text from cards where id = ${s.cardId}`;
      expect(old!.status).toBe('replaced');

      // The controllers' own lists (each simulator's /state): the new card on the dorm doors, the old card on none.
      const doorsOf = await ctx.app.pg.sql`select d.code, ctl.code as controller from lock_grants g join doors d on d.id = g.door_id
        join controllers ctl on ctl.id = d.controller_id where g.card_id = ${s.cardId} order by d.code`;
      expect(doorsOf.length).toBe(2);
      const controllers = [...new Set(doorsOf.map((d) => d.controller as string))];
      await waitUntil(async () => {
        for (const [code, sim] of doors.rig.sims) if ((await heldLists(sim, code)).has(s.cardNo)) return false;
        for (const code of controllers) {
          const want = doorsOf.filter((d) => d.controller === code).map((d) => d.code as string).sort();
          if (JSON.stringify(await cardDoorsOn(doors.rig.sims.get(code)!, code, newCardNo)) !== JSON.stringify(want)) return false;
        }
        return true;
      }, 10_000, 'the new card on the dorm doors of every simulator, the old card nowhere');
      await expect.poll(() => desk.locator('[data-testid="card-history-row"]').first().getAttribute('data-type')).toBe('issued');
      await desk.screenshot({ path: screenshotPath('cards-desk-replaced-desktop'), fullPage: true });

      await desk.getByTestId('print-receipt').click();
      expect(await desk.evaluate('window.printed')).toBe(1);
      await desk.emulateMedia({ media: 'print' });
      const receipt = desk.getByTestId('card-receipt');
      expect(await receipt.isVisible()).toBe(true);
      expect(await desk.getByTestId('receipt-new-card').innerText()).toBe(newCardNo);
      expect(await desk.getByTestId('receipt-fee').innerText()).toBe('¥20.00');
      // Printed on 80 mm roll paper, the page as long as the receipt (emulated print keeps the window's width).
      expect(await desk.evaluate("document.querySelector('style[data-receipt-page]')?.textContent")).toMatch(/^@page \{ size: 80mm \d+mm;/);
      await desk.screenshot({ path: screenshotPath('cards-receipt-print') });
      await desk.emulateMedia({ media: 'screen' });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
    }

    const phone = await newPage(PHONE);
    try {
      await signIn(phone, s.number);
      await phone.goto(ctx.baseUrl + '/me/cards');
      const progress = phone.getByTestId('replacement-progress');
      await progress.waitFor();
      expect(await progress.getAttribute('data-production')).toBe('awaiting_confirmation');
      expect(await phone.getByTestId('replacement-fee').innerText()).toBe('¥20.00');
      expect(await phone.getByTestId('card-face').first().innerText()).toContain(newCardNo);
      expect(await phone.getByTestId('confirm-info').isVisible()).toBe(true);
      await phone.screenshot({ path: screenshotPath('cards-progress-phone'), fullPage: true });

      // A photo with a white background is refused with its reason; a light-blue one is accepted.
      const photo = (background: { r: number; g: number; b: number }) =>
        sharp({ create: { width: 272, height: 354, channels: 3, background } }).jpeg().toBuffer();
      await phone.getByTestId('photo-file').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 255, g: 255, b: 255 }) });
      await phone.getByTestId('photo-upload').click();
      expect(await phone.getByTestId('photo-refused').innerText()).toBe('照片背景须为淡蓝色。');
      await phone.getByTestId('photo-file').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 160, g: 205, b: 240 }) });
      await phone.getByTestId('photo-upload').click();
      await expect.poll(() => phone.getByTestId('photo-section').getAttribute('data-photo')).toBe('accepted');

      await phone.getByTestId('confirm-ok').click();
      await expect.poll(() => progress.getAttribute('data-production')).toBe('confirmed');
      const [confirmed] = await ctx.app.pg.sql`select c.production_status::text from cards c where c.card_no = ${newCardNo}`;
      expect(confirmed!.production_status).toBe('confirmed');

      // The desk makes it and says it is ready: the student is told, and the page says where to collect it.
      const clerk = await sessionFor(ctx.app, 'clerk21');
      const [made] = await ctx.app.pg.sql`select id from cards where card_no = ${newCardNo}`;
      for (const step of ['made', 'ready']) {
        expect((await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/cards/${made!.id}/production`, payload: { step } })).statusCode).toBe(200);
      }
      await phone.reload();
      await phone.getByTestId('card-ready').waitFor();
      expect(await phone.getByTestId('card-ready').innerText()).toBe(`您的新卡 ${newCardNo} 已制好，请到 21 号窗口领取。`);
      expect(await progress.getAttribute('data-production')).toBe('ready');
      const [told] = await ctx.app.pg.sql`select count(*)::int as n from notifications where account_id = ${s.accountId} and kind = 'card.ready_for_pickup'`;
      expect(told!.n).toBe(1);
      await phone.screenshot({ path: screenshotPath('cards-ready-phone'), fullPage: true });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context().close();
    }
  });
});

describe('issuing a first card', () => {
  it('a clerk issues a freshman housed in N1 a card; the dorm doors follow it onto the controller', async () => {
    const [s] = await createStudents(ctx.app, 1);
    const { sql } = ctx.app.pg;
    await sql`update people set name = '周小满', unit_name = '经济学院', valid_until = current_date + 1300 where id = ${s!.personId}`;
    const [room] = await sql`select r.id from rooms r join buildings b on b.id = r.building_id where b.code = 'N1'
      and (select count(*) from dorm_assignments a where a.room_id = r.id and a.ends_on is null) < r.beds order by r.id limit 1`;
    await sql`insert into dorm_assignments (person_id, room_id, starts_on) values (${s!.personId}, ${room!.id}, current_date)`;
    const rig = await doorRig(ctx.database.url);
    await rig.startWorkers();
    const desk = await newPage(DESKTOP);
    try {
      await signIn(desk, 'clerk21');
      await desk.goto(ctx.baseUrl + '/desk/cards');
      await desk.getByTestId('card-desk-search').fill(s!.number);
      await desk.getByTestId('card-desk-find').click();
      const form = desk.getByTestId('card-issue');
      await form.waitFor();
      expect(await desk.getByTestId('issue-type').inputValue()).toBe('student');
      await desk.screenshot({ path: screenshotPath('cards-desk-issue-desktop'), fullPage: true });
      await desk.getByTestId('issue-submit').click();
      const done = desk.getByTestId('desk-issued');
      await done.waitFor();

      const [card] = await sql`select id, card_no, production_status::text from cards where person_id = ${s!.personId} and status = 'active'`;
      expect(card!.production_status).toBe('awaiting_confirmation');
      const [event] = await sql`select fee_fen from card_events where card_id = ${card!.id} and type = 'issued'`;
      const fee = event!.fee_fen as number;
      expect(await done.innerText()).toContain(`已办理新卡 ${card!.card_no as string}，${fee === 0 ? '首张免费' : `工本费 ¥${(fee / 100).toFixed(2)}`}。`);
      const doors = await sql`select d.code from lock_grants g join doors d on d.id = g.door_id where g.card_id = ${card!.id} order by d.code`;
      expect(doors.length).toBe(2);
      expect(await done.innerText()).toContain(`（${doors.length} 个门）`);
      // The face of the new card replaces the form.
      await expect.poll(() => desk.getByTestId('card-face').first().getAttribute('data-status')).toBe('active');
      expect(await form.count()).toBe(0);
      await desk.screenshot({ path: screenshotPath('cards-desk-issued-desktop'), fullPage: true });

      await waitUntil(
        async () => JSON.stringify(await cardDoorsOn(rig.sims.get('ctl-n1')!, 'ctl-n1', card!.card_no as string)) === JSON.stringify(doors.map((d) => d.code as string)),
        10_000,
        'the new card on its dorm doors on the N1 controller',
      );
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
      await rig.close();
    }
  });
});

describe('confirming the card information', () => {
  it('a student flags the name as wrong; the clerk corrects it and asks again; the student sees the corrected name', async () => {
    const s = await studentWithCard();
    const clerk = await sessionFor(ctx.app, 'clerk21');
    const replaced = await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/cards/${s.cardId}/replace`, payload: { reason: 'damaged' } });
    const newCardId = replaced.json<{ newCardId: number }>().newCardId;

    const phone = await newPage(PHONE);
    const desk = await newPage(DESKTOP);
    try {
      await signIn(phone, s.number);
      await phone.goto(ctx.baseUrl + '/me/cards');
      await phone.getByTestId('confirm-wrong').click();
      await phone.getByTestId('flag-name').check();
      await phone.getByTestId('flag-submit').click();
      await phone.getByTestId('confirm-flagged').waitFor();
      expect(await phone.getByTestId('confirm-flagged').innerText()).toContain('姓名');
      const [flag] = await ctx.app.pg.sql`select production_status::text, info_flag from cards where id = ${newCardId}`;
      expect(flag).toMatchObject({ production_status: 'flagged', info_flag: { fields: ['name'] } });

      await signIn(desk, 'clerk21');
      await desk.goto(ctx.baseUrl + '/desk/cards');
      await desk.getByTestId('card-desk-search').fill(s.number);
      await desk.getByTestId('card-desk-find').click();
      const production = desk.getByTestId('desk-production');
      await production.waitFor();
      expect(await production.getAttribute('data-production')).toBe('flagged');
      await production.getByLabel('姓名').fill('林晓晓');
      await desk.screenshot({ path: screenshotPath('cards-desk-flagged-desktop'), fullPage: true });
      await desk.getByTestId('desk-ask-again').click();
      await expect.poll(() => production.getAttribute('data-production')).toBe('awaiting_confirmation');
      const [person] = await ctx.app.pg.sql`select name from people where id = ${s.personId}`;
      expect(person!.name).toBe('林晓晓');

      await phone.reload();
      const confirm = phone.getByTestId('confirm-info');
      await confirm.waitFor();
      expect(await confirm.getAttribute('data-production')).toBe('awaiting_confirmation');
      expect(await confirm.innerText()).toContain('林晓晓');
      expect([...phone.errors, ...desk.errors]).toEqual([]);
    } finally {
      await phone.context().close();
      await desk.context().close();
    }
  });
});
