import { Queue } from 'bullmq';
import { grantDoors } from '@campus/db';
import { bullPrefix, producerConnection } from '@campus/jobs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createStudents } from '../../../test-support/factories.ts';

const ctx = useTestApp();

/** A student with an account, one active card valid for years, and two dorm doors granted on it. */
async function holderWithDoors(options: { issuedMonthsAgo?: number; balanceFen?: number } = {}) {
  const [s] = await createStudents(ctx.app, 1);
  const { sql } = ctx.app.pg;
  const [card] = await sql`insert into cards (card_no, person_id, type_code, valid_until, balance_fen, issued_at)
    values (${`C${s!.number}`}, ${s!.personId}, 'student', current_date + 400, ${options.balanceFen ?? 5230}, now() - make_interval(months => ${options.issuedMonthsAgo ?? 12}))
    returning id`;
  const doors = await sql`select id from doors order by id limit 2`;
  await ctx.app.db.transaction((tx) => grantDoors(tx, doors.map((d) => ({ cardId: card!.id as number, doorId: d.id as number, reason: 'bulk_import' as const }))));
  await sql`update lock_grants set status = 'granted' where card_id = ${card!.id}`;
  return { ...s!, cardId: card!.id as number, doorIds: doors.map((d) => d.id as number) };
}

const grantsOf = async (cardId: number) =>
  (await ctx.app.pg.sql`select door_id, status::text, revoke_reason, reason from lock_grants where card_id = ${cardId} order by door_id`).map((r) => ({ ...r }));
const cardRow = async (cardId: number) => (await ctx.app.pg.sql`select status::text, production_status::text, replaced_by_id, balance_fen::int from cards where id = ${cardId}`)[0]!;
const post = (token: string, url: string, payload: object = {}) => injectAs(ctx.app, token, { method: 'POST', url, payload });
const clerk = () => sessionFor(ctx.app, 'clerk21');

describe('report lost and unfreeze', () => {
  it('cuts every door of the card in the same change and gives them back on unfreeze', async () => {
    expect.hasAssertions();
    const h = await holderWithDoors();
    const lost = await post(h.token, `/api/cards/${h.cardId}/report-lost`);
    expect(lost.statusCode).toBe(200);
    expect(lost.json()).toMatchObject({ card: { status: 'lost' }, doorsRevoked: 2 });
    expect(await grantsOf(h.cardId)).toEqual(h.doorIds.map((d) => ({ door_id: d, status: 'revoke_pending', revoke_reason: 'card_lost', reason: 'bulk_import' })));
    const [audit] = await ctx.app.pg.sql`select actor_account_id, after from audit_log where action = 'card.reported_lost' and object_id = ${String(h.cardId)}`;
    expect(audit).toMatchObject({ actor_account_id: h.accountId, after: { selfService: true, doorsRevoked: 2 } });

    expect((await post(h.token, `/api/cards/${h.cardId}/report-lost`)).json().code).toBe('card_already_lost');
    const back = await post(h.token, `/api/cards/${h.cardId}/unfreeze`);
    expect(back.json()).toMatchObject({ card: { status: 'active' }, doorsRestored: 2 });
    expect((await grantsOf(h.cardId)).map((g) => [g.status, g.reason, g.revoke_reason])).toEqual([
      ['pending', 'card_unfrozen', null],
      ['pending', 'card_unfrozen', null],
    ]);
    const events = await ctx.app.pg.sql`select type::text, self_service from card_events where card_id = ${h.cardId} order by id`;
    expect(events.map((e) => [e.type, e.self_service])).toEqual([['reported_lost', true], ['unfrozen', true]]);
  });

  it('refuses a third self-service report in a semester with a reason; a clerk can still do it', async () => {
    const h = await holderWithDoors();
    for (let i = 0; i < 2; i++) {
      expect((await post(h.token, `/api/cards/${h.cardId}/report-lost`)).statusCode).toBe(200);
      expect((await post(h.token, `/api/cards/${h.cardId}/unfreeze`)).statusCode).toBe(200);
    }
    const mine = (await injectAs(ctx.app, h.token, { url: '/api/me/cards' })).json();
    const [counted] = await ctx.app.pg.sql`select count(*)::int as n from card_events e join cards c on c.id = e.card_id where c.person_id = ${h.personId} and e.type = 'reported_lost' and e.self_service`;
    expect(mine.selfServiceLostLeft).toBe(2 - counted!.n);
    expect(mine.selfServiceLostLeft).toBe(0);

    const third = await post(h.token, `/api/cards/${h.cardId}/report-lost`);
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('self_service_lost_limit');
    expect((await cardRow(h.cardId)).status).toBe('active');
    expect((await grantsOf(h.cardId)).every((g) => g.status === 'pending')).toBe(true);

    const byClerk = await post(await clerk(), `/api/cards/${h.cardId}/report-lost`);
    expect(byClerk.statusCode).toBe(200);
    const [e] = await ctx.app.pg.sql`select self_service from card_events where card_id = ${h.cardId} and type = 'reported_lost' order by id desc limit 1`;
    expect(e!.self_service).toBe(false);
  });

  it('does not let someone else act on my card, nor see it', async () => {
    const h = await holderWithDoors();
    const [other] = await createStudents(ctx.app, 1);
    expect((await post(other!.token, `/api/cards/${h.cardId}/report-lost`)).json().code).toBe('card_not_found');
    expect((await cardRow(h.cardId)).status).toBe('active');
  });
});

describe('replace', () => {
  it('charges 20 yuan, cancels the old card for good, moves its doors and records the balance as pending for 3 days', async () => {
    const h = await holderWithDoors({ balanceFen: 4321 });
    const c = await clerk();
    expect((await post(c, `/api/cards/${h.cardId}/replace`, { reason: 'lost' })).json().code).toBe('report_lost_first');
    await post(c, `/api/cards/${h.cardId}/report-lost`);
    const res = await post(c, `/api/cards/${h.cardId}/replace`, { reason: 'lost' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ oldCardId: h.cardId, reason: 'lost', feeFen: 2000, balanceFen: 4321, doorsMoved: 2, card: { status: 'active', productionStatus: 'awaiting_confirmation' } });
    expect(r.newCardNo).not.toBe(r.oldCardNo);

    const [rep] = await ctx.app.pg.sql`select fee_fen, balance_fen::int, extract(epoch from balance_due_at - created_at)::int as secs, balance_moved_at from card_replacements where old_card_id = ${h.cardId}`;
    expect(rep).toMatchObject({ fee_fen: 2000, balance_fen: 4321, balance_moved_at: null });
    expect(Math.round(rep!.secs / 3600)).toBe(72);
    expect(await cardRow(h.cardId)).toMatchObject({ status: 'replaced', replaced_by_id: r.newCardId, balance_fen: 4321 });
    // Cut when it was reported lost; the card can no longer be unfrozen, so they never come back.
    expect((await grantsOf(h.cardId)).map((g) => [g.status, g.revoke_reason])).toEqual([['revoke_pending', 'card_lost'], ['revoke_pending', 'card_lost']]);
    expect((await grantsOf(r.newCardId)).map((g) => [g.door_id, g.status, g.reason])).toEqual(h.doorIds.map((d) => [d, 'pending', 'card_replaced']));

    const unfreezeOld = await post(h.token, `/api/cards/${h.cardId}/unfreeze`);
    expect(unfreezeOld.json().code).toBe('card_replaced');
    const [live] = await ctx.app.pg.sql`select count(*)::int as n from cards where person_id = ${h.personId} and status in ('active', 'lost')`;
    expect(live!.n).toBe(1);
    const [fee] = await ctx.app.pg.sql`select fee_fen from card_events where card_id = ${h.cardId} and type = 'replaced'`;
    expect(fee!.fee_fen).toBe(2000);
  });

  it('is free for an intact faulty card within six months of issue, and charged after', async () => {
    const young = await holderWithDoors({ issuedMonthsAgo: 5 });
    const old = await holderWithDoors({ issuedMonthsAgo: 7 });
    expect((await post(young.token, `/api/cards/${young.cardId}/replace`, { reason: 'faulty' })).json().feeFen).toBe(0);
    expect((await grantsOf(young.cardId)).map((g) => [g.status, g.revoke_reason])).toEqual([['revoke_pending', 'card_replaced'], ['revoke_pending', 'card_replaced']]);
    expect((await post(old.token, `/api/cards/${old.cardId}/replace`, { reason: 'faulty' })).json().feeFen).toBe(2000);
    const damaged = await holderWithDoors({ issuedMonthsAgo: 1 });
    expect((await post(damaged.token, `/api/cards/${damaged.cardId}/replace`, { reason: 'damaged' })).json().feeFen).toBe(2000);
  });

  it('makes exactly one replacement when two clerks replace the same card at once', async () => {
    const h = await holderWithDoors();
    const [a, b] = [await clerk(), await sessionFor(ctx.app, 'clerk22')];
    const results = await Promise.all([post(a, `/api/cards/${h.cardId}/replace`, { reason: 'damaged' }), post(b, `/api/cards/${h.cardId}/replace`, { reason: 'damaged' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('card_replaced');
    const [reps] = await ctx.app.pg.sql`select count(*)::int as n from card_replacements where old_card_id = ${h.cardId}`;
    const cards = await ctx.app.pg.sql`select status::text from cards where person_id = ${h.personId} order by id`;
    expect(reps!.n).toBe(1);
    expect(cards.map((c) => c.status)).toEqual(['replaced', 'active']);
  });
});

describe('validity', () => {
  it('lets only a clerk extend it; an expired card gets back the doors it lost when it expired', async () => {
    const h = await holderWithDoors();
    const { sql } = ctx.app.pg;
    await sql`update cards set status = 'expired' where id = ${h.cardId}`;
    await sql`update lock_grants set status = 'revoked', revoke_reason = 'card_expired' where card_id = ${h.cardId}`;
    const until = new Date(Date.now() + 500 * 86_400_000).toISOString().slice(0, 10);
    expect((await post(h.token, `/api/cards/${h.cardId}/extend`, { validUntil: until })).json().code).toBe('card_clerk_only');
    expect((await post(await clerk(), `/api/cards/${h.cardId}/extend`, { validUntil: '2001-01-01' })).json().code).toBe('validity_in_past');
    const res = await post(await clerk(), `/api/cards/${h.cardId}/extend`, { validUntil: until });
    expect(res.json()).toMatchObject({ card: { status: 'active', validUntil: until }, doorsRestored: 2 });
    expect((await grantsOf(h.cardId)).map((g) => [g.status, g.reason])).toEqual([['pending', 'validity_extended'], ['pending', 'validity_extended']]);

    // After the commit the workers are asked to move the card's expiry job.
    const connection = producerConnection(ctx.config.redisUrl);
    const queue = new Queue('cards', { connection, prefix: bullPrefix(ctx.config.redisPrefix) });
    try {
      await expect
        .poll(async () => (await queue.getJobs(['waiting'])).some((j) => j.name === 'card.validity.changed' && (j.data as { cardId: number }).cardId === h.cardId))
        .toBe(true);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('card production', () => {
  it('waits for the holder to confirm the information and photo, goes back to the clerk when flagged, and tells the holder when ready', async () => {
    const h = await holderWithDoors();
    const c = await clerk();
    const { newCardId } = (await post(c, `/api/cards/${h.cardId}/replace`, { reason: 'damaged' })).json();
    expect((await post(c, `/api/cards/${newCardId}/production`, { step: 'made' })).json().code).toBe('production_out_of_order');
    expect((await post(h.token, `/api/cards/${newCardId}/confirmation`, { correct: true })).json().code).toBe('photo_required');

    const flagged = await post(h.token, `/api/cards/${newCardId}/confirmation`, { correct: false, fields: ['name'], note: '名字错了' });
    expect(flagged.json()).toMatchObject({ productionStatus: 'flagged', infoFlag: { fields: ['name'], note: '名字错了' } });
    const asked = await post(c, `/api/cards/${newCardId}/confirmation-request`, { name: '改正名' });
    expect(asked.json()).toMatchObject({ productionStatus: 'awaiting_confirmation', infoFlag: null });
    const [person] = await ctx.app.pg.sql`select name from people where id = ${h.personId}`;
    expect(person!.name).toBe('改正名');

    await ctx.app.pg.sql`insert into person_photos (person_id, status, width, height, content_type, bytes) values (${h.personId}, 'accepted', 272, 354, 'image/jpeg', '\\x00')`;
    expect((await post(c, `/api/cards/${newCardId}/confirmation`, { correct: true })).json().code).toBe('holder_only');
    expect((await post(h.token, `/api/cards/${newCardId}/confirmation`, { correct: true })).json().productionStatus).toBe('confirmed');
    expect((await post(h.token, `/api/cards/${newCardId}/production`, { step: 'made' })).json().code).toBe('card_clerk_only');
    for (const step of ['made', 'ready', 'collected']) expect((await post(c, `/api/cards/${newCardId}/production`, { step })).json().productionStatus).toBe(step);

    const notes = await ctx.app.pg.sql`select kind from notifications where account_id = ${h.accountId} order by id`;
    expect(notes.map((n) => n.kind)).toEqual(['card.confirm_requested', 'card.ready_for_pickup']);
    const mine = (await injectAs(ctx.app, h.token, { url: '/api/me/cards' })).json();
    expect(mine.items[0]).toMatchObject({ id: newCardId, productionStatus: 'collected', replaces: { reason: 'damaged', feeFen: 2000 } });
  });
});

describe('the card desk', () => {
  it('finds a person and shows their cards with the history the events table holds', async () => {
    const h = await holderWithDoors();
    const c = await clerk();
    await post(h.token, `/api/cards/${h.cardId}/report-lost`);
    await post(c, `/api/cards/${h.cardId}/unfreeze`);
    const found = (await injectAs(ctx.app, c, { url: `/api/people?q=${h.number}` })).json();
    expect(found.items.map((p: { id: number }) => p.id)).toContain(h.personId);
    const res = await injectAs(ctx.app, c, { url: `/api/people/${h.personId}/cards` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const events = await ctx.app.pg.sql`select type::text, self_service from card_events where card_id = ${h.cardId} order by at, id`;
    expect(body.history.map((e: { type: string; selfService: boolean }) => [e.type, e.selfService])).toEqual(events.map((e) => [e.type, e.self_service]));
    expect(body.selfServiceLostLeft).toBe(1);
    expect((await injectAs(ctx.app, h.token, { url: `/api/people/${h.personId}/cards` })).statusCode).toBe(403);
  });
});
