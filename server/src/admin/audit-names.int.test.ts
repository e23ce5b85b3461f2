import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, login, sessionFor } from '../../../test-support/auth.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import type { AuditNames } from './audit-names.ts';

const ctx = useTestApp();

interface Item {
  id: number;
  action: string;
  objectType: string;
  objectId: string | null;
  actor: { username: string | null; displayName: string | null };
  after: Record<string, unknown> | null;
}

async function auditPage(query: Record<string, string>) {
  const admin = await sessionFor(ctx.app, 'admin');
  const res = await injectAs(ctx.app, admin, { url: '/api/admin/audit', query: { limit: '200', ...query } });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Item[]; names: AuditNames }>();
}

describe('the audit log names what its ids mean', () => {
  it('gives window numbers (not ids), ticket numbers, material names and accounts, as the rows say', async () => {
    // Window 21's id is not 21: the number is what people call it.
    const [win] = await ctx.app.pg.sql`select id, number from windows where number = 21`;
    expect(win!.id).not.toBe(21);
    const clerk = await openWindow(ctx.app, 'clerk21', 21);
    const issued = await kioskIssue(ctx.app, await serviceId(ctx.app, 'w21-card-replacement'));
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json<{ id: string; number: string }>();
    const called = await injectAs(ctx.app, clerk.token, { method: 'POST', url: `/api/windows/${clerk.windowId}/call-next` });
    expect(called.json().id).toBe(ticket.id);
    const items = await ctx.app.pg.sql`select material_id from ticket_checklist where ticket_id = ${ticket.id} order by material_id`;
    expect(items.length).toBeGreaterThan(0);
    const ticked = await injectAs(ctx.app, clerk.token, {
      method: 'PUT',
      url: `/api/tickets/${ticket.id}/checklist`,
      payload: { items: items.map((i) => ({ materialId: i.material_id, checked: true })) },
    });
    expect(ticked.statusCode).toBe(204);
    expect((await login(ctx.app, 'clerk21')).res.statusCode).toBe(200);

    const page = await auditPage({});
    const opened = page.items.find((i) => i.action === 'window.opened' && i.objectId === String(win!.id))!;
    expect(page.names.windows[opened.objectId!]).toMatchObject({ number: 21 });
    const call = page.items.find((i) => i.action === 'ticket.called' && i.objectId === ticket.id)!;
    expect(page.names.tickets[ticket.id]!.number).toBe(ticket.number);
    expect(page.names.windows[String(call.after!.windowId)]!.number).toBe(21);
    expect(call.actor).toMatchObject({ username: 'clerk21', displayName: '21号窗口' });

    const checklist = page.items.find((i) => i.action === 'ticket.checklist_updated' && i.objectId === ticket.id)!;
    const materialNames = await ctx.app.pg.sql`select id, name_zh from service_materials where id in ${ctx.app.pg.sql(items.map((i) => i.material_id as number))}`;
    for (const m of materialNames) expect(page.names.materials[String(m.id)]!.nameZh).toBe(m.name_zh);
    expect((checklist.after!.items as unknown[]).length).toBe(items.length);

    const signIn = page.items.find((i) => i.action === 'auth.login')!;
    const [account] = await ctx.app.pg.sql`select id, username, display_name from accounts where username = 'clerk21'`;
    expect(signIn.objectId).toBe(String(account!.id));
    expect(page.names.accounts[String(account!.id)]).toEqual({ username: 'clerk21', displayName: account!.display_name });
  });

  it('names nothing it cannot find, and ignores ids that are not ids', async () => {
    const admin = await sessionFor(ctx.app, 'admin');
    const res = await injectAs(ctx.app, admin, { url: '/api/admin/audit', query: { objectType: 'no-such-kind' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().names).toEqual({ tickets: {}, windows: {}, accounts: {}, devices: {}, services: {}, materials: {}, notices: {}, loans: {} });
  });
});
