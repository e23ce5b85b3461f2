import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCookie } from '../test-support/auth.ts';
import { launchBrowser, screenshotPath } from '../test-support/browser.ts';
import { kioskIssue, openWindow, serviceId } from '../test-support/factories.ts';
import { useListeningApp } from '../test-support/server.ts';

/**
 * What the clerk and the admin read about a ticket: the desk's history and the audit log say it in
 * sentences of the UI's language; ids, codes and JSON stay behind 详情.
 */
const ctx = useListeningApp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function newPage(options: BrowserContextOptions, username: string): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  await page.goto(ctx.baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
  return page;
}

/** Latin letters left once the usernames and ticket numbers (which are what they are) are taken out. */
const englishIn = (text: string) => text.replace(/clerk\d+|admin|\b[A-Z]\d{3}\b/g, '').match(/[A-Za-z]+/g) ?? [];

describe('records people read', () => {
  it('tell a transfer at the desk and in the audit log in Chinese, with window numbers and names', async () => {
    const from = await openWindow(ctx.app, 'clerk21', 21);
    const to = await openWindow(ctx.app, 'clerk22', 22);
    const issued = await kioskIssue(ctx.app, await serviceId(ctx.app, 'w21-card-replacement'));
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json<{ id: string; number: string }>();
    const post = (token: string, url: string, payload?: object) => ctx.app.inject({ method: 'POST', url, headers: asCookie(token), ...(payload ? { payload } : {}) });
    expect((await post(from.token, `/api/windows/${from.windowId}/call-next`)).json().id).toBe(ticket.id);
    await post(from.token, `/api/tickets/${ticket.id}/start`);
    const [item] = await ctx.app.pg.sql`select c.material_id, m.name_zh from ticket_checklist c join service_materials m on m.id = c.material_id where c.ticket_id = ${ticket.id} limit 1`;
    const ticked = await ctx.app.inject({ method: 'PUT', url: `/api/tickets/${ticket.id}/checklist`, headers: asCookie(from.token), payload: { items: [{ materialId: item!.material_id, checked: true }] } });
    expect(ticked.statusCode).toBe(204);
    const lost = await serviceId(ctx.app, 'w20-card-report-lost');
    expect((await post(from.token, `/api/tickets/${ticket.id}/transfer`, { serviceId: lost, windowId: to.windowId, note: '原卡未挂失，先办挂失' })).statusCode).toBe(200);

    // The clerk of window 22 calls it and reads its story.
    const desk = await newPage({ viewport: { width: 1440, height: 900 } }, 'clerk22');
    try {
      await desk.goto(`${ctx.baseUrl}/desk/${to.windowId}`);
      await desk.getByTestId('desk-call-next').click();
      await expect.poll(() => desk.getByTestId('desk-current-number').innerText()).toBe(ticket.number);
      await expect.poll(() => desk.getByTestId('desk-history-entry').count()).toBe(6);
      const lines = await desk.getByTestId('desk-history-entry').allInnerTexts();
      const transfer = lines.find((l) => l.includes('转办至'))!;
      expect(transfer).toContain('校园卡的挂失、解挂');
      expect(transfer).toContain('22 号窗口');
      expect(transfer).toContain('原卡未挂失');
      for (const line of lines) {
        expect(line).not.toMatch(UUID);
        expect(englishIn(line)).toEqual([]);
        // "21 号窗口 21号窗口": a clerk named after the window is not named twice.
        expect(line).not.toMatch(/(?<!\d)(\d+) ?号窗口.*(?<!\d)\1 ?号窗口/);
      }
      await desk.getByTestId('desk-history').scrollIntoViewIfNeeded();
      await desk.screenshot({ path: screenshotPath('desk-history-transfer'), fullPage: true });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context().close();
    }

    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const admin = await newPage({ viewport }, 'admin');
      try {
        await admin.goto(`${ctx.baseUrl}/admin/audit`);
        await admin.getByTestId('audit-row').first().waitFor();
        const sentences = await admin.getByTestId('audit-sentence').allInnerTexts();
        const actors = await admin.getByTestId('audit-actor').allInnerTexts();
        for (const text of [...sentences, ...actors]) {
          expect(text).not.toMatch(UUID);
          expect(text).not.toMatch(/[{}[\]#]|\w+\.\w+/);
          expect(englishIn(text)).toEqual([]);
        }
        expect(sentences).toContain(`开放 21 号窗口`);
        expect(sentences).toContain('登录');
        expect(sentences.some((s) => s.startsWith(`叫号 ${ticket.number}`) && s.endsWith('到 21 号窗口'))).toBe(true);
        expect(sentences.some((s) => s.includes(`勾选 ${item!.name_zh}`))).toBe(true);
        // The raw record is one click away.
        const row = admin.locator('[data-testid="audit-row"][data-action="ticket.checklist_updated"]');
        expect(await row.getByTestId('audit-raw').isVisible()).toBe(false);
        await row.getByTestId('audit-details').locator('summary').click();
        const raw = await row.getByTestId('audit-raw').innerText();
        expect(raw).toContain('ticket.checklist_updated');
        expect(raw).toContain(ticket.id);
        expect(raw).toContain(`"materialId": ${item!.material_id}`);
        await admin.screenshot({ path: screenshotPath(`admin-audit-${viewport.width}x${viewport.height}`), fullPage: true });
        expect(admin.errors).toEqual([]);
      } finally {
        await admin.context().close();
      }
    }
  });

  it('the notices form says each problem once, under its field', async () => {
    const admin = await newPage({ viewport: { width: 1280, height: 900 } }, 'admin');
    try {
      await admin.goto(`${ctx.baseUrl}/admin/notices`);
      await admin.getByTestId('notice-submit').click();
      const form = admin.locator('form').filter({ has: admin.getByTestId('notice-submit') });
      const said = async (text: string) => (await form.innerText()).split(text).length - 1;
      await expect.poll(() => said('请输入中文内容。')).toBe(1);
      expect(await admin.getByTestId('notice-error').count()).toBe(0);

      await admin.getByTestId('notice-text-zh').fill('今日 16:00 起暂停办理');
      await admin.getByTestId('notice-starts').fill('2030-05-02T10:00');
      await admin.getByTestId('notice-ends').fill('2030-05-02T09:00');
      await admin.getByTestId('notice-submit').click();
      await expect.poll(() => said('结束时间必须晚于开始时间')).toBe(1);
      expect(await admin.getByTestId('notice-error').count()).toBe(0);
      await admin.screenshot({ path: screenshotPath('admin-notices-error'), fullPage: true });
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context().close();
    }
  });
});
