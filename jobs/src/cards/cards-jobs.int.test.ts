import { Queue, type Job } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, grantDoors, type DbHandle } from '@campus/db';
import { createTestDatabase, type TestDatabase } from '../../../test-support/db.ts';
import { TEST_REDIS_URL } from '../../../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../../test-support/redis.ts';
import { bullPrefix } from '../queues.ts';
import { closeLeaversCards, expireCard, moveDueBalances } from './lifecycle.ts';
import { expireJobId, syncCardExpiry, syncUpcomingExpiries } from './validity.ts';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const prefix = testRedisPrefix();
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
// No worker on this queue: delayed jobs stay where the sync put them, to be read by id.
const queue = new Queue('cards', { connection: redis, prefix: bullPrefix(prefix) });
let database: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await deleteRedisPrefix(prefix);
  await handle?.close();
  await database?.drop();
});

let seq = 0;
/** A person of the given kind and status with one card and its two dorm doors granted. */
async function cardWithDoors(p: { kind?: 'student' | 'staff'; type?: string; validUntil?: string; status?: string; leftOn?: string | null } = {}) {
  seq += 1;
  const [person] = await handle.db.execute<{ id: number }>(sql`insert into people (kind, number, name, status, left_on)
    values (${p.kind ?? 'student'}, ${`J${Date.now()}${seq}`}, '测试', ${p.status ?? 'active'}, ${p.leftOn ?? null}) returning id`);
  const [card] = await handle.db.execute<{ id: number }>(sql`insert into cards (card_no, person_id, type_code, valid_until, balance_fen)
    values (${`J${Date.now()}${seq}`}, ${person!.id}, ${p.type ?? 'student'}, ${p.validUntil ?? '2031-07-01'}, 1000) returning id`);
  const doors = await handle.db.execute<{ id: number }>(sql`select id from doors order by id limit 2`);
  await handle.db.transaction((tx) => grantDoors(tx, doors.map((d) => ({ cardId: card!.id, doorId: d.id, reason: 'bulk_import' as const }))));
  return card!.id;
}

const grants = async (cardId: number) =>
  (await handle.db.execute<{ status: string; revoke_reason: string | null }>(sql`select status::text as status, revoke_reason from lock_grants where card_id = ${cardId} order by door_id`)).map((g) => [g.status, g.revoke_reason]);
const statusOf = async (cardId: number) => (await handle.db.execute<{ status: string }>(sql`select status::text as status from cards where id = ${cardId}`))[0]!.status;

describe('card expiry', () => {
  it('is one delayed job per card at the end of its validity, moved when the validity changes', async () => {
    const now = new Date('2031-06-30T04:00:00Z');
    const cardId = await cardWithDoors({ validUntil: '2031-07-01' });
    // The end of 1 July in Shanghai is 16:00 UTC that day.
    expect(await syncCardExpiry(handle.db, queue, TZ, cardId, now)).toBe('2031-07-01T16:00:00.000Z');
    const job = (await queue.getJob(expireJobId(cardId))) as Job;
    expect([await job.getState(), job.opts.delay, job.data]).toEqual(['delayed', DAY + 12 * 3_600_000, { cardId, validUntil: '2031-07-01' }]);

    // Synced again with nothing changed: the same job stays.
    await syncCardExpiry(handle.db, queue, TZ, cardId, now);
    expect((await queue.getJobs(['delayed'])).filter((j) => j.id === expireJobId(cardId))).toHaveLength(1);

    await handle.db.execute(sql`update cards set valid_until = '2032-07-01' where id = ${cardId}`);
    expect(await syncCardExpiry(handle.db, queue, TZ, cardId, now)).toBe('2032-07-01T16:00:00.000Z');
    expect(((await queue.getJob(expireJobId(cardId))) as Job).data.validUntil).toBe('2032-07-01');

    await handle.db.execute(sql`update cards set status = 'lost' where id = ${cardId}`);
    expect(await syncCardExpiry(handle.db, queue, TZ, cardId, now)).toBeNull();
    expect(await queue.getJob(expireJobId(cardId))).toBeUndefined();
  });

  it('revokes every door at that moment and not before', async () => {
    const cardId = await cardWithDoors({ validUntil: '2031-07-01' });
    expect(await expireCard(handle.db, TZ, cardId, new Date('2031-07-01T15:59:00Z'))).toBe(false);
    expect(await statusOf(cardId)).toBe('active');
    expect(await expireCard(handle.db, TZ, cardId, new Date('2031-07-01T16:00:00Z'))).toBe(true);
    expect(await statusOf(cardId)).toBe('expired');
    expect(await grants(cardId)).toEqual([['revoke_pending', 'card_expired'], ['revoke_pending', 'card_expired']]);
    // A repeated run changes nothing.
    expect(await expireCard(handle.db, TZ, cardId, new Date('2031-07-02T16:00:00Z'))).toBe(false);
    const [audit] = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'card.expired' and object_id = ${String(cardId)} and actor_role = 'system'`);
    expect(audit!.n).toBe(1);
  });

  it('the periodic repair schedules the cards whose validity ends in the next days', async () => {
    const soon = await cardWithDoors({ validUntil: '2033-03-02' });
    const later = await cardWithDoors({ validUntil: '2033-09-01' });
    await syncUpcomingExpiries(handle.db, queue, TZ, new Date('2033-03-01T01:00:00Z'));
    expect(await queue.getJob(expireJobId(soon))).toBeDefined();
    expect(await queue.getJob(expireJobId(later))).toBeUndefined();
  });
});

describe('closing leavers’ accounts', () => {
  it('closes graduates’ cards 60 days after leaving and departing staff’s after 30', async () => {
    const graduate = await cardWithDoors({ status: 'graduated', leftOn: '2031-07-01' });
    const staff = await cardWithDoors({ kind: 'staff', type: 'staff', status: 'departed', leftOn: '2031-07-01' });
    const day = (d: string) => new Date(`${d}T01:00:00Z`);

    await closeLeaversCards(handle.db, TZ, day('2031-07-30'));
    expect([await statusOf(graduate), await statusOf(staff)]).toEqual(['active', 'active']);
    await closeLeaversCards(handle.db, TZ, day('2031-07-31'));
    expect([await statusOf(graduate), await statusOf(staff)]).toEqual(['active', 'closed']);
    expect(await grants(staff)).toEqual([['revoke_pending', 'card_closed'], ['revoke_pending', 'card_closed']]);
    await closeLeaversCards(handle.db, TZ, day('2031-08-29'));
    expect(await statusOf(graduate)).toBe('active');
    await closeLeaversCards(handle.db, TZ, day('2031-08-30'));
    expect(await statusOf(graduate)).toBe('closed');
    const [closedAt] = await handle.db.execute<{ closed_at: Date }>(sql`select closed_at from cards where id = ${graduate}`);
    expect(new Date(closedAt!.closed_at).toISOString()).toBe('2031-08-30T01:00:00.000Z');
  });
});

describe('balance transfer of a replacement', () => {
  it('moves the old card’s balance three days later, once', async () => {
    const oldId = await cardWithDoors();
    await handle.db.execute(sql`update cards set status = 'replaced' where id = ${oldId}`);
    const [fresh] = await handle.db.execute<{ id: number }>(sql`insert into cards (card_no, person_id, type_code) select card_no || 'N', person_id, type_code from cards where id = ${oldId} returning id`);
    await handle.db.execute(sql`insert into card_replacements (old_card_id, new_card_id, reason, fee_fen, balance_fen, balance_due_at) values (${oldId}, ${fresh!.id}, 'lost', 2000, 1000, '2031-01-04T00:00:00Z')`);
    expect(await moveDueBalances(handle.db, new Date('2031-01-03T23:59:00Z'))).toBe(0);
    expect(await moveDueBalances(handle.db, new Date('2031-01-04T00:00:00Z'))).toBe(1);
    expect(await moveDueBalances(handle.db, new Date('2031-01-05T00:00:00Z'))).toBe(0);
    const rows = await handle.db.execute<{ id: number; balance_fen: string }>(sql`select id, balance_fen::text from cards where id in (${oldId}, ${fresh!.id}) order by id`);
    expect(rows.map((r) => Number(r.balance_fen))).toEqual([0, 1000]);
  });
});
