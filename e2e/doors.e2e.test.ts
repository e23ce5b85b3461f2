import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedPage, DESKTOP, launchBrowser, PHONE, screenshotPath, signIn as signInAt } from '../test-support/browser.ts';
import { createCardHolders, createDormBuilding, type TestBuilding } from '../test-support/door-factories.ts';
import { createStudents } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const newPage = (options: BrowserContextOptions) => checkedPage(browser, options);
const signIn = (page: Page, username: string) => signInAt(page, ctx.baseUrl, username);

const grantsOf = async (cardId: number) =>
  (await ctx.app.pg.sql`select d.code, g.status, g.revoke_reason from lock_grants g join doors d on d.id = g.door_id where g.card_id = ${cardId} order by d.code`).map(
    (r) => `${r.code} ${r.status}${r.revoke_reason ? ` ${r.revoke_reason}` : ''}`,
  );

const csvFile = (lines: string[]) => ({ name: '宿舍分配.csv', mimeType: 'text/csv', buffer: Buffer.from(['学号,楼栋,房间号,生效日期,失效日期', ...lines].join('\n')) });

describe('the door-lock desk (window 24)', () => {
  let building: TestBuilding;
  let other: TestBuilding;
  beforeAll(async () => {
    building = await createDormBuilding(ctx.app, 2, 5);
    other = await createDormBuilding(ctx.app, 2, 5);
  });

  it('imports a file: a faulty row is reported and nothing applies; the fixed file previews, then applies', async () => {
    const holders = await createCardHolders(ctx.app, 6);
    const lines = holders.map((h, i) => `${h.number},${building.code},${i < 3 ? '101' : '102'},2026-09-01,2027-07-15`);
    const page = await newPage(DESKTOP);
    try {
      await signIn(page, 'clerk24');
      await page.goto(`${ctx.baseUrl}/desk`);
      await page.getByTestId('desk-doors').click();
      await page.getByTestId('tab-import').click();

      await page.getByTestId('import-file').setInputFiles(csvFile([...lines.slice(0, 5), `${holders[5]!.number},${building.code},909,2026-09-01,2027-07-15`]));
      const report = page.getByTestId('import-report');
      await report.and(page.locator('[data-errors="1"]')).waitFor();
      expect(await page.getByTestId('import-error').getAttribute('data-row')).toBe('7');
      expect(await page.getByTestId('import-error').innerText()).toContain(`${building.code} 没有 909 房间`);
      expect(await page.getByTestId('import-faulty').innerText()).toContain('本次没有导入任何内容');
      await page.getByTestId('import-report-download').waitFor();
      await page.screenshot({ path: screenshotPath('doors-import-errors-desktop'), fullPage: true });
      expect((await ctx.app.pg.sql`select count(*)::int as n from dorm_assignments where person_id = any(${holders.map((h) => h.personId)}::int[])`)[0]!.n).toBe(0);

      await page.getByTestId('import-file').setInputFiles(csvFile(lines));
      await page.getByTestId('import-preview').waitFor();
      expect(await page.getByTestId('import-preview-summary').innerText()).toContain('共 6 行');
      expect((await ctx.app.pg.sql`select count(*)::int as n from lock_grants where card_id = any(${holders.map((h) => h.cardId)}::int[])`)[0]!.n).toBe(0);
      await page.screenshot({ path: screenshotPath('doors-import-preview-desktop'), fullPage: true });
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-done').waitFor();
      const [rows] = await ctx.app.pg.sql`select count(*)::int as grants, count(distinct card_id)::int as cards from lock_grants where card_id = any(${holders.map((h) => h.cardId)}::int[]) and status = 'pending'`;
      expect(rows).toEqual({ grants: 12, cards: 6 });
      expect(await page.getByTestId('import-done').innerText()).toBe('已导入 6 行：授权 12 项，取消 0 项。');
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('finds a person, shows each controller’s state and error, grants, revokes and changes the dorm', async () => {
    const [holder] = await createCardHolders(ctx.app, 1);
    await ctx.app.pg.sql`insert into dorm_assignments (person_id, room_id, starts_on) values (${holder!.personId}, ${building.rooms.get('201')!.id}, '2026-01-01')`;
    await ctx.app.pg.sql`insert into lock_grants (card_id, door_id, status, reason, attempts, last_error) values
      (${holder!.cardId}, ${building.rooms.get('201')!.doorId}, 'granted', 'bulk_import', 1, null),
      (${holder!.cardId}, ${building.entranceDoorId}, 'failed', 'bulk_import', 5, 'connect ECONNREFUSED 127.0.0.1:3101')`;
    const page = await newPage(DESKTOP);
    try {
      await signIn(page, 'clerk24');
      await page.goto(`${ctx.baseUrl}/desk/doors`);
      await page.getByTestId('person-q').fill(holder!.number);
      await page.getByTestId('person-search').click();
      await page.getByTestId('door-person').waitFor();
      expect(await page.getByTestId('door-person-dorm').innerText()).toContain('201 室');
      const entrance = page.locator(`[data-testid="grant"][data-door="${building.code}-entrance"]`);
      expect(await entrance.getByTestId('grant-controller').getAttribute('data-state')).toBe('failed');
      expect(await entrance.getByTestId('grant-error').innerText()).toContain('ECONNREFUSED');
      const room = page.locator(`[data-testid="grant"][data-door="${building.code}-201"]`);
      expect(await room.getByTestId('grant-controller').innerText()).toContain('门禁已生效');
      await page.screenshot({ path: screenshotPath('doors-desk-person-desktop'), fullPage: true });

      // Grant the other building's entrance until a day.
      await page.getByTestId('grant-building').selectOption({ label: `测试公寓${other.code}` });
      await page.locator(`[data-testid="grant-door"][data-door="${other.code}-entrance"]`).check();
      await page.getByTestId('grant-until').fill('2027-01-31');
      await page.getByTestId('grant-submit').click();
      await page.locator(`[data-testid="grant"][data-door="${other.code}-entrance"]`).waitFor();
      const [made] = await ctx.app.pg.sql`select status, reason, valid_to from lock_grants where card_id = ${holder!.cardId} and door_id = ${other.entranceDoorId}`;
      expect(made).toMatchObject({ status: 'pending', reason: 'building_access' });
      expect(new Date(made!.valid_to as string).toISOString()).toBe('2027-01-31T16:00:00.000Z');

      // Revoke it again.
      await page.locator(`[data-testid="grant"][data-door="${other.code}-entrance"]`).getByTestId('grant-revoke').click();
      await page.locator(`[data-testid="grant"][data-door="${other.code}-entrance"][data-status="revoke_pending"]`).waitFor();
      expect(await page.getByTestId('doors-notice').innerText()).toContain('已取消');
      expect(await grantsOf(holder!.cardId)).toContain(`${other.code}-entrance revoke_pending clerk`);

      // Dorm change to the other building's room 102.
      await page.getByTestId('dorm-building').selectOption({ label: `测试公寓${other.code}` });
      await page.getByTestId('dorm-room').locator('option', { hasText: '102 室' }).waitFor({ state: 'attached' });
      await page.getByTestId('dorm-room').selectOption({ label: '102 室（已住 0/4）' });
      await page.getByTestId('dorm-submit').click();
      await page.getByTestId('door-person-dorm').filter({ hasText: '102 室' }).waitFor();
      expect(await grantsOf(holder!.cardId)).toEqual(
        [
          `${building.code}-201 revoke_pending dorm_change`,
          `${building.code}-entrance revoke_pending dorm_change`,
          `${other.code}-102 pending`,
          `${other.code}-entrance pending`,
        ].sort((a, b) => (a < b ? -1 : 1)),
      );
      const [current] = await ctx.app.pg.sql`select room_id from dorm_assignments where person_id = ${holder!.personId} and ends_on is null`;
      expect(current!.room_id).toBe(other.rooms.get('102')!.id);
      await page.screenshot({ path: screenshotPath('doors-desk-dorm-change-desktop'), fullPage: true });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('works on a phone-narrow screen too', async () => {
    const [holder] = await createCardHolders(ctx.app, 1);
    await ctx.app.pg.sql`insert into lock_grants (card_id, door_id, status, reason) values (${holder!.cardId}, ${building.entranceDoorId}, 'pending', 'clerk')`;
    const page = await newPage(PHONE);
    try {
      await signIn(page, 'clerk24');
      await page.goto(`${ctx.baseUrl}/desk/doors`);
      await page.getByTestId('person-q').fill(holder!.number);
      await page.getByTestId('person-search').click();
      await page.getByTestId('door-person').waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: screenshotPath('doors-desk-phone'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});

describe('我的门禁 on a student’s phone', () => {
  it('lists my doors, until when, and whether each controller has it yet', async () => {
    const building = await createDormBuilding(ctx.app, 1, 3);
    const [student] = await createStudents(ctx.app, 1);
    const [card] = await ctx.app.pg.sql`insert into cards (card_no, person_id, type_code, valid_until) values (${`C${student!.number}`}, ${student!.personId}, 'student', '2029-07-01') returning id`;
    await ctx.app.pg.sql`insert into dorm_assignments (person_id, room_id, starts_on) values (${student!.personId}, ${building.rooms.get('101')!.id}, '2026-01-01')`;
    await ctx.app.pg.sql`insert into lock_grants (card_id, door_id, status, reason, valid_to, attempts, last_error) values
      (${card!.id}, ${building.rooms.get('101')!.doorId}, 'granted', 'bulk_import', '2027-07-16T00:00:00+08:00', 1, null),
      (${card!.id}, ${building.entranceDoorId}, 'pending', 'bulk_import', '2027-07-16T00:00:00+08:00', 2, 'timeout')`;
    // The entrance's push went out and timed out once (what the pipeline records), not yet acknowledged.
    await ctx.app.pg.sql`insert into door_commands (grant_id, controller_id, command, card_no, door_code, valid_from, valid_to, version, status, sent_at, attempts, last_error)
      select g.id, d.controller_id, 'grant', c.card_no, d.code, g.valid_from, g.valid_to, g.version, 'sent', now(), 2, 'timeout'
      from lock_grants g join doors d on d.id = g.door_id join cards c on c.id = g.card_id
      where g.card_id = ${card!.id} and g.door_id = ${building.entranceDoorId}`;
    const page = await newPage(PHONE);
    try {
      await signIn(page, student!.number);
      await page.getByTestId('account-menu').click();
      await page.getByTestId('my-doors-link').click();
      await page.getByTestId('my-doors').waitFor();
      const doors = page.getByTestId('grants-live').getByTestId('grant');
      expect(await doors.count()).toBe(2);
      const room = page.locator(`[data-testid="grant"][data-door="${building.code}-101"]`);
      expect(await room.innerText()).toContain('有效至 2027-07-15');
      expect(await room.getByTestId('grant-controller').innerText()).toContain('门禁已生效');
      const entrance = page.locator(`[data-testid="grant"][data-door="${building.code}-entrance"]`);
      expect(await entrance.getByTestId('grant-controller').innerText()).toContain('已发送，等待门禁确认');
      // The controller's error is for the desk, not the holder.
      expect(await page.getByTestId('grant-error').count()).toBe(0);
      expect(await page.getByTestId('my-dorm').innerText()).toContain('101 室');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: screenshotPath('doors-mine-phone'), fullPage: true });

      // The controller acknowledges: the page looks again by itself while a push is on its way.
      await ctx.app.pg.sql`update lock_grants set status = 'granted', applied_at = now() where card_id = ${card!.id}`;
      await entrance.getByTestId('grant-controller').and(page.locator('[data-state="acknowledged"]')).waitFor({ timeout: 10_000 });
      expect(page.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
