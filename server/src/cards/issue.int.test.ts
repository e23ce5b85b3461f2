import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createDormBuilding } from '../../../test-support/door-factories.ts';
import { createStudents } from '../../../test-support/factories.ts';

const ctx = useTestApp();

const issue = async (personId: number, payload: object = { typeCode: 'student' }, token?: string) =>
  injectAs(ctx.app, token ?? (await sessionFor(ctx.app, 'clerk21')), { method: 'POST', url: `/api/people/${personId}/cards`, payload });
const cardsOf = async (personId: number) =>
  (await ctx.app.pg.sql`select id, card_no, status::text, production_status::text, valid_until::text, type_code::text from cards where person_id = ${personId} order by id`).map((r) => ({ ...r }));

/** A student with an account, housed in a room of a building of their own, with no card yet. */
async function freshman() {
  const [s] = await createStudents(ctx.app, 1);
  const building = await createDormBuilding(ctx.app, 1, 2);
  const [room] = [...building.rooms.values()];
  await ctx.app.pg.sql`update people set valid_until = current_date + 1200 where id = ${s!.personId}`;
  await ctx.app.pg.sql`insert into dorm_assignments (person_id, room_id, starts_on) values (${s!.personId}, ${room!.id}, current_date)`;
  return { ...s!, building, roomDoorId: room!.doorId };
}

describe('issuing a card at the card desk', () => {
  it('gives a freshman a card made after online confirmation, the first student card free, and their dorm doors', async () => {
    const f = await freshman();
    const res = await issue(f.personId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const [card] = await cardsOf(f.personId);
    const [person] = await ctx.app.pg.sql`select valid_until::text from people where id = ${f.personId}`;
    expect(card).toMatchObject({ id: body.cardId, card_no: body.cardNo, status: 'active', production_status: 'awaiting_confirmation', type_code: 'student', valid_until: person!.valid_until });
    const [type] = await ctx.app.pg.sql`select fee_fen, first_card_free from card_types where code = 'student'`;
    expect(body.feeFen).toBe(type!.first_card_free ? 0 : type!.fee_fen);
    expect(body.card).toMatchObject({ cardNo: body.cardNo, productionStatus: 'awaiting_confirmation' });

    // The room's door and the building's entrance, waiting for their controller; counted as the answer says.
    const grants = await ctx.app.pg.sql`select door_id, status::text, reason from lock_grants where card_id = ${body.cardId} order by door_id`;
    expect(grants.map((g) => ({ ...g }))).toEqual(
      [f.building.entranceDoorId, f.roomDoorId].sort((a, b) => a - b).map((door_id) => ({ door_id, status: 'pending', reason: 'card_issued' })),
    );
    expect(body.doorsGranted).toBe(grants.length);
    const [outbox] = await ctx.app.pg.sql`select count(*)::int as n from door_commands where card_no = ${body.cardNo} and command = 'grant'`;
    expect(outbox!.n).toBe(2);

    const [events] = await ctx.app.pg.sql`select count(*)::int as n from card_events where card_id = ${body.cardId} and type = 'issued' and not self_service`;
    expect(events!.n).toBe(1);
    const [audit] = await ctx.app.pg.sql`select after from audit_log where action = 'card.issued' and object_id = ${String(body.cardId)}`;
    expect(audit!.after).toMatchObject({ cardNo: body.cardNo, personId: f.personId, doorsGranted: 2 });
    const [told] = await ctx.app.pg.sql`select count(*)::int as n from notifications where account_id = ${f.accountId} and kind = 'card.confirm_requested'`;
    expect(told!.n).toBe(1);
  });

  it('refuses a second card while the first works or is lost, and an expired card is extended instead', async () => {
    const f = await freshman();
    const first = (await issue(f.personId)).json();
    const again = await issue(f.personId, { typeCode: 'general' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('card_exists');
    await ctx.app.pg.sql`update cards set status = 'lost' where id = ${first.cardId}`;
    expect((await issue(f.personId)).json().code).toBe('card_exists');
    await ctx.app.pg.sql`update cards set status = 'expired' where id = ${first.cardId}`;
    expect((await issue(f.personId)).json().code).toBe('extend_instead');
    expect((await cardsOf(f.personId)).length).toBe(1);
  });

  it('two clerks issuing at once give one card', async () => {
    const f = await freshman();
    const [a, b] = await Promise.all([issue(f.personId), issue(f.personId, { typeCode: 'student' }, await sessionFor(ctx.app, 'clerk22'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await cardsOf(f.personId)).length).toBe(1);
    const [grants] = await ctx.app.pg.sql`select count(*)::int as n from lock_grants g join cards c on c.id = g.card_id where c.person_id = ${f.personId}`;
    expect(grants!.n).toBe(2);
  });

  it('a closed account gets a new card, at the fee; the first card is free only once', async () => {
    const f = await freshman();
    const first = (await issue(f.personId)).json();
    await ctx.app.pg.sql`update cards set status = 'closed', closed_at = now() where id = ${first.cardId}`;
    const res = await issue(f.personId, { typeCode: 'student', validUntil: '2031-07-01' });
    expect(res.statusCode, res.body).toBe(200);
    const [type] = await ctx.app.pg.sql`select fee_fen from card_types where code = 'student'`;
    expect(res.json()).toMatchObject({ feeFen: type!.fee_fen, validUntil: '2031-07-01' });
    expect((await cardsOf(f.personId)).map((c) => c.status)).toEqual(['closed', 'active']);
  });

  it('refuses, with nothing written: a validity in the past, a person who left, an unknown person, a holder issuing themself', async () => {
    const f = await freshman();
    const past = await issue(f.personId, { typeCode: 'student', validUntil: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('validity_in_past');
    expect((await issue(f.personId, { typeCode: 'platinum' })).statusCode).toBe(400);
    expect((await issue(999_999)).json().code).toBe('person_not_found');
    expect((await issue(f.personId, { typeCode: 'student' }, f.token)).statusCode).toBe(403);
    await ctx.app.pg.sql`update people set status = 'graduated' where id = ${f.personId}`;
    expect((await issue(f.personId)).json().code).toBe('person_left');
    expect(await cardsOf(f.personId)).toEqual([]);
    const [grants] = await ctx.app.pg.sql`select count(*)::int as n from lock_grants g join doors d on d.id = g.door_id where d.building_id = ${f.building.id}`;
    expect(grants!.n).toBe(0);
  });

  it('lists the seven card types with their fees', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/card-types' });
    expect(res.statusCode).toBe(200);
    const rows = await ctx.app.pg.sql`select code::text, fee_fen from card_types`;
    const items = res.json().items as { code: string; feeFen: number }[];
    expect(items.length).toBe(7);
    expect(new Map(items.map((i) => [i.code, i.feeFen]))).toEqual(new Map(rows.map((r) => [r.code as string, r.fee_fen as number])));
  });
});
