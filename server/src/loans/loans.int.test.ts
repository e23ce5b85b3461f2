import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';

const ctx = useTestApp();

describe('household-card loans at window 8', () => {
  it('lends the card page when a loan ticket is finished, shows it out and overdue, and takes it back', async () => {
    const { token, windowId } = await openWindow(ctx.app, 'clerk08', 8);
    const loanService = await serviceId(ctx.app, 'w08-household-card-loan');
    const ticket = (await kioskIssue(ctx.app, loanService, { studentNumber: 'S0044' })).json();
    await injectAs(ctx.app, token, { method: 'POST', url: `/api/windows/${windowId}/call-next` });
    await injectAs(ctx.app, token, { method: 'POST', url: `/api/tickets/${ticket.id}/start` });
    const finishWithout = await injectAs(ctx.app, token, {
      method: 'POST',
      url: `/api/tickets/${ticket.id}/finish`,
      payload: { outcome: 'done', overrideReason: '申请表已核验' },
    });
    expect(finishWithout.json().code).toBe('loan_terms_required');
    const finished = await injectAs(ctx.app, token, {
      method: 'POST',
      url: `/api/tickets/${ticket.id}/finish`,
      payload: { outcome: 'done', overrideReason: '申请表已核验', loan: { purpose: '办理护照', dueOn: '2099-01-31' } },
    });
    expect(finished.json().status).toBe('done');

    const open = (await injectAs(ctx.app, token, { url: '/api/loans' })).json().items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ purpose: '办理护照', dueOn: '2099-01-31', overdue: false, borrower: { number: 'S0044' } });

    const borrower = await sessionFor(ctx.app, 'S0044');
    expect((await injectAs(ctx.app, borrower, { url: '/api/me/loans' })).json().items[0]).toMatchObject({ dueOn: '2099-01-31', returnedAt: null });
    const stranger = await sessionFor(ctx.app, 'S0045');
    expect((await injectAs(ctx.app, stranger, { url: '/api/me/loans' })).json().items).toEqual([]);
    const otherDesk = await sessionFor(ctx.app, 'clerk03');
    expect((await injectAs(ctx.app, otherDesk, { url: '/api/loans' })).statusCode).toBe(403);

    await ctx.app.pg.sql`update household_card_loans set due_on = '2020-01-01' where id = ${open[0].id}`;
    const overdue = (await injectAs(ctx.app, token, { url: '/api/loans', query: { status: 'overdue' } })).json().items;
    expect(overdue.map((l: { id: number; overdue: boolean }) => [l.id, l.overdue])).toEqual([[open[0].id, true]]);

    const returned = await injectAs(ctx.app, token, { method: 'POST', url: `/api/loans/${open[0].id}/return` });
    expect(returned.json().returnedAt).not.toBeNull();
    expect((await injectAs(ctx.app, token, { method: 'POST', url: `/api/loans/${open[0].id}/return` })).json().code).toBe('loan_already_returned');
    expect((await injectAs(ctx.app, token, { url: '/api/loans' })).json().items).toEqual([]);
  });
});
