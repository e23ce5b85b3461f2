import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createCardHolders, createDormBuilding } from '../../../test-support/door-factories.ts';

const ctx = useTestApp();

async function asLockClerk() {
  return sessionFor(ctx.app, 'clerk24');
}

/** Rows ordered as the database orders codes (collation C): building codes are random. */
const byCode = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);

async function grantRows(cardId: number) {
  const rows = await ctx.app.pg.sql`select d.code, g.status, g.reason, g.revoke_reason, g.version::int
    from lock_grants g join doors d on d.id = g.door_id where g.card_id = ${cardId} order by d.code`;
  return rows.map((r) => [r.code, r.status, r.reason, r.revoke_reason, r.version]);
}

describe('door grants at the lock desk', () => {
  it('grants doors to a person’s usable card, lists them with the controller’s progress, and audits', async () => {
    const building = await createDormBuilding(ctx.app, 1, 3);
    const [holder] = await createCardHolders(ctx.app, 1);
    const token = await asLockClerk();
    const res = await injectAs(ctx.app, token, {
      method: 'POST',
      url: '/api/lock-grants',
      payload: { personId: holder!.personId, doorIds: [building.entranceDoorId, building.rooms.get('101')!.doorId], validTo: '2027-07-16T00:00:00+08:00', reason: 'building_access' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await grantRows(holder!.cardId)).toEqual([
      [`${building.code}-101`, 'pending', 'building_access', null, 1],
      [`${building.code}-entrance`, 'pending', 'building_access', null, 1],
    ]);
    const body = res.json();
    expect(body.card).toMatchObject({ id: holder!.cardId });
    expect(body.items).toHaveLength(2);
    expect(body.items[0].controllers).toEqual([expect.objectContaining({ id: building.controllerId, command: 'grant', state: 'pending', error: null })]);
    expect(body.items[0].validTo).toBe('2027-07-15T16:00:00.000Z');

    // The pipeline records a failure: the desk sees it with the error, the holder without.
    await ctx.app.pg.sql`update lock_grants set status = 'failed', attempts = 5, last_error = 'controller unreachable' where card_id = ${holder!.cardId} and door_id = ${building.entranceDoorId}`;
    const desk = await injectAs(ctx.app, token, { url: `/api/people/${holder!.personId}/grants` });
    const failed = desk.json().items.find((g: { door: { id: number } }) => g.door.id === building.entranceDoorId);
    expect(failed.controllers[0]).toMatchObject({ state: 'failed', error: 'controller unreachable', attempts: 5 });

    const [audit] = await ctx.app.pg.sql`select action, object_type, object_id, after from audit_log where action = 'lock_grant.granted' order by id desc limit 1`;
    expect(audit).toMatchObject({ object_type: 'person', object_id: String(holder!.personId) });
    expect(audit!.after).toMatchObject({ cardId: holder!.cardId, reason: 'building_access' });
  });

  it('revokes one grant; revoking it again is a conflict', async () => {
    const building = await createDormBuilding(ctx.app, 1, 3);
    const [holder] = await createCardHolders(ctx.app, 1);
    const token = await asLockClerk();
    const made = await injectAs(ctx.app, token, { method: 'POST', url: '/api/lock-grants', payload: { cardId: holder!.cardId, doorIds: [building.entranceDoorId], reason: 'clerk' } });
    const grantId = made.json().items[0].id as number;
    const res = await injectAs(ctx.app, token, { method: 'DELETE', url: `/api/lock-grants/${grantId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].controllers[0]).toMatchObject({ command: 'revoke', state: 'pending' });
    expect(await grantRows(holder!.cardId)).toEqual([[`${building.code}-entrance`, 'revoke_pending', 'clerk', 'clerk', 2]]);
    const again = await injectAs(ctx.app, token, { method: 'DELETE', url: `/api/lock-grants/${grantId}` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'grant_already_revoked']);
    expect((await injectAs(ctx.app, token, { method: 'DELETE', url: '/api/lock-grants/999999' })).json().code).toBe('lock_grant_not_found');
    const [audit] = await ctx.app.pg.sql`select count(*)::int as n from audit_log where action = 'lock_grant.revoked' and object_id = ${String(holder!.personId)}`;
    expect(audit!.n).toBe(1);
  });

  it('refuses a card that is not usable, unknown doors and a window that ends first, writing nothing', async () => {
    const building = await createDormBuilding(ctx.app, 1, 3);
    const [holder, lost] = await createCardHolders(ctx.app, 2);
    await ctx.app.pg.sql`update cards set status = 'lost' where id = ${lost!.cardId}`;
    const token = await asLockClerk();
    const post = (payload: object) => injectAs(ctx.app, token, { method: 'POST', url: '/api/lock-grants', payload });
    const codes = [
      (await post({ personId: lost!.personId, doorIds: [building.entranceDoorId], reason: 'clerk' })).json().code,
      (await post({ cardId: lost!.cardId, doorIds: [building.entranceDoorId], reason: 'clerk' })).json().code,
      (await post({ personId: holder!.personId, doorIds: [building.entranceDoorId, 999999], reason: 'clerk' })).json().code,
      (await post({ personId: holder!.personId, doorIds: [building.entranceDoorId], validFrom: '2027-01-02T00:00:00Z', validTo: '2027-01-01T00:00:00Z', reason: 'clerk' })).json().code,
      (await post({ personId: holder!.personId, cardId: holder!.cardId, doorIds: [building.entranceDoorId], reason: 'clerk' })).json().code,
    ];
    expect(codes).toEqual(['no_usable_card', 'card_not_usable', 'door_not_found', 'invalid_validity', 'person_or_card_required']);
    const [n] = await ctx.app.pg.sql`select count(*)::int as n from lock_grants where card_id = any(${[holder!.cardId, lost!.cardId]}::int[])`;
    expect(n!.n).toBe(0);
  });

  it('shows a student their own doors and nobody else’s', async () => {
    const token = await sessionFor(ctx.app, 'S0001');
    const [me] = await ctx.app.pg.sql`select p.id, c.id as card_id from people p join cards c on c.person_id = p.id and c.status = 'active' where p.number = 'S0001'`;
    const [door] = await ctx.app.pg.sql`select id from doors where code = 'N2-entrance'`;
    await ctx.app.pg.sql`delete from lock_grants where card_id = ${me!.card_id}`;
    const clerk = await asLockClerk();
    await injectAs(ctx.app, clerk, { method: 'POST', url: '/api/lock-grants', payload: { personId: me!.id, doorIds: [door!.id], reason: 'building_access' } });
    // The worker sent the push once and it timed out (what the pipeline records), not yet acknowledged.
    await ctx.app.pg.sql`update lock_grants set attempts = 1, last_error = 'timeout' where card_id = ${me!.card_id}`;
    await ctx.app.pg.sql`update door_commands set status = 'sent', sent_at = now(), attempts = 1, last_error = 'timeout'
      where grant_id in (select id from lock_grants where card_id = ${me!.card_id})`;
    const res = await injectAs(ctx.app, token, { url: '/api/me/grants' });
    expect(res.statusCode).toBe(200);
    expect(res.json().person.number).toBe('S0001');
    expect(res.json().items.map((g: { door: { code: string }; controllers: { state: string; error: string | null }[] }) => [g.door.code, g.controllers[0]!.state, g.controllers[0]!.error])).toEqual([
      ['N2-entrance', 'sent', null],
    ]);
    expect((await injectAs(ctx.app, token, { url: `/api/people/${me!.id}/grants` })).statusCode).toBe(403);
  });
});

describe('dorm change', () => {
  async function housed() {
    const from = await createDormBuilding(ctx.app, 1, 3);
    const to = await createDormBuilding(ctx.app, 1, 3);
    const [holder] = await createCardHolders(ctx.app, 1);
    const token = await asLockClerk();
    const csv = `学号,楼栋,房间号,生效日期,失效日期\n${holder!.number},${from.code},101,2026-01-01,2027-07-15`;
    expect((await injectAs(ctx.app, token, { method: 'POST', url: '/api/lock-grants/import', payload: { csv } })).statusCode).toBe(200);
    return { from, to, holder: holder!, token };
  }

  it('ends the current room, revokes the doors no longer needed and grants the new room’s', async () => {
    const { from, to, holder, token } = await housed();
    const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/people/${holder.personId}/dorm`, payload: { roomId: to.rooms.get('102')!.id, startsOn: '2026-03-01' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dorm).toMatchObject({ room: { number: '102' }, building: { code: to.code }, startsOn: '2026-03-01' });
    expect(await grantRows(holder.cardId)).toEqual(
      [
        [`${from.code}-101`, 'revoke_pending', 'bulk_import', 'dorm_change', 2],
        [`${from.code}-entrance`, 'revoke_pending', 'bulk_import', 'dorm_change', 2],
        [`${to.code}-102`, 'pending', 'dorm_change', null, 1],
        [`${to.code}-entrance`, 'pending', 'dorm_change', null, 1],
      ].sort(byCode),
    );
    const assignments = await ctx.app.pg.sql`select room_id, starts_on::text, ends_on::text from dorm_assignments where person_id = ${holder.personId} order by id`;
    expect(assignments.map((a) => [a.room_id, a.starts_on, a.ends_on])).toEqual([
      [from.rooms.get('101')!.id, '2026-01-01', '2026-03-01'],
      [to.rooms.get('102')!.id, '2026-03-01', null],
    ]);
    const [audit] = await ctx.app.pg.sql`select before, after from audit_log where action = 'dorm.changed' and object_id = ${String(holder.personId)}`;
    expect(audit!.before).toMatchObject({ roomId: from.rooms.get('101')!.id });
    expect(audit!.after).toMatchObject({ roomId: to.rooms.get('102')!.id, startsOn: '2026-03-01' });
  });

  it('within the building keeps the entrance as it is', async () => {
    const { from, holder, token } = await housed();
    const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/people/${holder.personId}/dorm`, payload: { roomId: from.rooms.get('103')!.id, startsOn: '2026-03-01' } });
    expect(res.statusCode).toBe(200);
    expect(await grantRows(holder.cardId)).toEqual([
      [`${from.code}-101`, 'revoke_pending', 'bulk_import', 'dorm_change', 2],
      [`${from.code}-103`, 'pending', 'dorm_change', null, 1],
      [`${from.code}-entrance`, 'pending', 'bulk_import', null, 1],
    ]);
  });

  it('on a later day keeps the old doors until that day and opens the new ones from it', async () => {
    const { from, to, holder, token } = await housed();
    const res = await injectAs(ctx.app, token, { method: 'POST', url: `/api/people/${holder.personId}/dorm`, payload: { roomId: to.rooms.get('101')!.id, startsOn: '2099-03-01' } });
    expect(res.statusCode).toBe(200);
    const rows = await ctx.app.pg.sql`select d.code, g.status, g.valid_from, g.valid_to from lock_grants g join doors d on d.id = g.door_id where g.card_id = ${holder.cardId} order by d.code`;
    const moveAt = new Date('2099-02-28T16:00:00Z').getTime();
    expect(rows.map((r) => [r.code, r.status, r.code.startsWith(from.code) ? new Date(r.valid_to).getTime() === moveAt : new Date(r.valid_from).getTime() === moveAt])).toEqual(
      [
        [`${from.code}-101`, 'pending', true],
        [`${from.code}-entrance`, 'pending', true],
        [`${to.code}-101`, 'pending', true],
        [`${to.code}-entrance`, 'pending', true],
      ].sort(byCode),
    );
  });

  it('refuses a full room, the same room and a move before the current one started, changing nothing', async () => {
    const { from, to, holder, token } = await housed();
    const others = await createCardHolders(ctx.app, 4);
    await ctx.app.pg.sql`insert into dorm_assignments (person_id, room_id, starts_on) select unnest(${others.map((o) => o.personId)}::int[]), ${to.rooms.get('103')!.id}, '2026-01-01'`;
    const move = (roomId: number, startsOn: string) => injectAs(ctx.app, token, { method: 'POST', url: `/api/people/${holder.personId}/dorm`, payload: { roomId, startsOn } });
    const before = await grantRows(holder.cardId);
    expect([
      (await move(to.rooms.get('103')!.id, '2026-03-01')).json().code,
      (await move(from.rooms.get('101')!.id, '2026-03-01')).json().code,
      (await move(to.rooms.get('101')!.id, '2025-12-01')).json().code,
      (await move(999999, '2026-03-01')).json().code,
    ]).toEqual(['room_full', 'same_room', 'invalid_starts_on', 'room_not_found']);
    expect(await grantRows(holder.cardId)).toEqual(before);
    const [n] = await ctx.app.pg.sql`select count(*)::int as n from dorm_assignments where person_id = ${holder.personId}`;
    expect(n!.n).toBe(1);
  });
});

describe('lookups for the desk', () => {
  it('finds people by number or name and lists rooms and doors of a building', async () => {
    const building = await createDormBuilding(ctx.app, 1, 2);
    const token = await asLockClerk();
    const people = await injectAs(ctx.app, token, { url: '/api/lock-desk/people?q=S0001' });
    expect(people.json().items[0]).toMatchObject({ number: 'S0001' });
    const rooms = await injectAs(ctx.app, token, { url: `/api/rooms?buildingId=${building.id}` });
    expect(rooms.json().items.map((r: { number: string; occupants: number }) => [r.number, r.occupants])).toEqual([['101', 0], ['102', 0]]);
    const doors = await injectAs(ctx.app, token, { url: `/api/doors?buildingId=${building.id}` });
    expect(doors.json().items.map((d: { code: string }) => d.code)).toEqual([`${building.code}-entrance`, `${building.code}-101`, `${building.code}-102`]);
  });
});
