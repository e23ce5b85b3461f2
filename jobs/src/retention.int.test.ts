import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@campus/db';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.ts';
import { TEST_REDIS_URL } from '../../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../test-support/redis.ts';
import { bullPrefix } from './queues.ts';
import { pruneOldRows, type RetentionPolicy } from './retention.ts';
import { startWorkers } from './worker.ts';

const TZ = 'Asia/Shanghai';
const policy: RetentionPolicy = { hallEventsDays: 30, sessionsDays: 7, sessionIdleMinutes: 120, notificationsDays: 30 };

let database: TestDatabase;
let handle: DbHandle;
let accountId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url, { max: 2 });
  accountId = (await handle.sql`select id from accounts where username = 'S0001'`)[0]!.id as number;
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});
beforeEach(async () => {
  await handle.sql`delete from hall_events`;
  await handle.sql`delete from auth_sessions`;
  await handle.sql`delete from notifications`;
  await handle.sql`delete from login_failures`;
});

/** An outbox row created `age` ago (an SQL interval), published or not. */
/** An event's place in the sequence, given at its commit (the insert returns a draft number). */
async function placeOf(mark: string): Promise<number> {
  const [row] = await handle.sql`select seq from hall_events where payload ->> 'mark' = ${mark}`;
  return Number(row!.seq);
}

async function event(age: string, published = true): Promise<number> {
  const mark = `e-${Math.random()}`;
  await handle.sql`insert into hall_events (type, payload, created_at, published_at)
    values ('ticket.called', ${JSON.stringify({ mark })}::jsonb, now() - ${age}::interval, ${published ? handle.sql`now() - ${age}::interval` : null})`;
  return placeOf(mark);
}

async function session(expires: string, lastSeen: string, revoked: string | null = null): Promise<number> {
  const [row] = await handle.sql`insert into auth_sessions (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at)
    values (${`t-${Math.random()}`}, ${accountId}, now() - interval '40 days', now() - ${lastSeen}::interval, now() + ${expires}::interval,
      ${revoked === null ? null : handle.sql`now() - ${revoked}::interval`}) returning id`;
  return row!.id as number;
}

async function notification(age: string, read: boolean): Promise<number> {
  const [row] = await handle.sql`insert into notifications (account_id, kind, payload, created_at, read_at)
    values (${accountId}, 'heads_up', '{}', now() - ${age}::interval, ${read ? handle.sql`now() - ${age}::interval` : null}) returning id`;
  return row!.id as number;
}

const remaining = async (table: 'hall_events' | 'auth_sessions' | 'notifications', key: 'seq' | 'id') =>
  (await handle.sql`select ${handle.sql(key)} as k from ${handle.sql(table)} order by 1`).map((r) => Number(r.k));

describe('pruning old rows', () => {
  it('deletes published board events past retention; keeps unpublished ones, recent ones and today’s', async () => {
    const old = await event('40 days');
    const oldUnpublished = await event('40 days', false);
    const recent = await event('10 days');
    await handle.sql`insert into hall_events (type, payload, created_at, published_at)
      select 'ticket.called', '{"mark": "yesterday"}', t, t from (select (date_trunc('day', now() at time zone ${TZ}) at time zone ${TZ}) - interval '1 minute' as t) x`;
    const yesterday = await placeOf('yesterday');
    const today = await event('0 seconds');

    const result = await pruneOldRows(handle.db, TZ, policy);
    expect(await remaining('hall_events', 'seq')).toEqual([oldUnpublished, recent, yesterday, today]);
    expect(result.hallEvents).toBe(1);
    expect(old).toBeLessThan(today);

    // With no days kept at all, still nothing of the current hall day goes: the board reads today's calls.
    const again = await pruneOldRows(handle.db, TZ, { ...policy, hallEventsDays: 0 });
    expect(await remaining('hall_events', 'seq')).toEqual([oldUnpublished, today]);
    expect(again.hallEvents).toBe(2);
  });

  it('always keeps the newest event, so the sequence boards resume from never goes back', async () => {
    await event('50 days');
    const newest = await event('40 days');
    await pruneOldRows(handle.db, TZ, policy);
    expect(await remaining('hall_events', 'seq')).toEqual([newest]);
  });

  it('deletes sessions expired, idle or revoked longer than the retention; keeps live and recently ended ones', async () => {
    const live = await session('5 hours', '1 minute');
    const expiredLongAgo = await session('-8 days', '9 days');
    const expiredRecently = await session('-2 days', '3 days');
    const idleLongAgo = await session('20 days', '7 days 3 hours');
    const idleRecently = await session('20 days', '6 days');
    const revokedLongAgo = await session('5 hours', '8 days', '8 days');
    const revokedRecently = await session('5 hours', '1 day', '1 day');

    const result = await pruneOldRows(handle.db, TZ, policy);
    expect(await remaining('auth_sessions', 'id')).toEqual([live, expiredRecently, idleRecently, revokedRecently]);
    expect(result.sessions).toBe(3);
    expect([expiredLongAgo, idleLongAgo, revokedLongAgo]).toHaveLength(3);
  });

  it('deletes wrong-password counts of sources gone quiet for the retention, never a lock in force', async () => {
    const row = (source: string, lastFailed: string, lockedFor: string | null) => handle.sql`
      insert into login_failures (account_id, source_kind, source, failures, last_failed_at, locked_until)
      values (${accountId}, 'ip', ${source}, 3, now() - ${lastFailed}::interval, ${lockedFor === null ? null : handle.sql`now() + ${lockedFor}::interval`})`;
    await row('10.0.0.1', '8 days', null);
    await row('10.0.0.2', '8 days', '1 hour');
    await row('10.0.0.3', '2 days', null);
    const result = await pruneOldRows(handle.db, TZ, policy);
    expect(result.loginFailures).toBe(1);
    expect((await handle.sql`select source from login_failures order by source`).map((r) => r.source)).toEqual(['10.0.0.2', '10.0.0.3']);
  });

  it('deletes read notifications past retention, never unread ones', async () => {
    await notification('40 days', true);
    const unread = await notification('40 days', false);
    const recentRead = await notification('10 days', true);
    const result = await pruneOldRows(handle.db, TZ, policy);
    expect(await remaining('notifications', 'id')).toEqual([unread, recentRead]);
    expect(result.notifications).toBe(1);
  });

  it('works through a long backlog in short batches and counts exactly what it deleted', async () => {
    await handle.sql`insert into notifications (account_id, kind, payload, created_at, read_at)
      select ${accountId}, 'heads_up', '{}', now() - interval '90 days', now() - interval '90 days' from generate_series(1, 23)`;
    const keep = await notification('1 day', true);
    const result = await pruneOldRows(handle.db, TZ, policy, 5);
    expect(result.notifications).toBe(23);
    expect(await remaining('notifications', 'id')).toEqual([keep]);
  });
});

describe('the prune job', () => {
  const prefix = testRedisPrefix();
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(async () => {
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it('is scheduled by the workers with the configured policy and prunes when it runs', async () => {
    const workers = await startWorkers({
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      databaseUrl: database.url,
      hallTz: TZ,
      expireEvery: 3600,
      retention: { ...policy, notificationsDays: 20, pruneEveryMinutes: 45 },
    });
    const queue = new Queue('maintenance', { connection: redis, prefix: bullPrefix(prefix) });
    const events = new QueueEvents('maintenance', { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix: bullPrefix(prefix) });
    try {
      const schedulers = await queue.getJobSchedulers();
      const prune = schedulers.find((s) => s.key === 'retention.prune');
      expect(prune?.every).toBe(45 * 60_000);
      expect(prune?.template?.data).toEqual({ ...policy, notificationsDays: 20 });

      const stale = await notification('25 days', true);
      const fresh = await notification('15 days', true);
      await events.waitUntilReady();
      const job = await queue.add('retention.prune', { ...policy, notificationsDays: 20 });
      await job.waitUntilFinished(events, 10_000);
      expect(await remaining('notifications', 'id')).toEqual([fresh]);
      expect(stale).toBeLessThan(fresh);
    } finally {
      await events.close();
      await queue.close();
      await workers.close();
    }
  });
});
