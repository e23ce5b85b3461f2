import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { Redis } from 'ioredis';
import type { HallEvent } from './hall-events.ts';

/** The Redis channel every server process listens on. */
export const eventsChannel = (redisPrefix: string) => `${redisPrefix}hall-events`;

const PUBLISH_LOCK = 727_021;

/**
 * Publishes committed, unpublished outbox rows to Redis in sequence order, and marks them.
 * One publisher at a time (advisory lock), so order holds across processes. Safe to call after
 * every commit and from a periodic sweep: rows left behind while Redis was down go out later.
 */
export async function publishPendingEvents(db: Db, redis: Redis, redisPrefix: string): Promise<number> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${PUBLISH_LOCK}) as ok`);
    if (!locked?.ok) return 0;
    const rows = await tx.execute<{ seq: number; type: string; payload: Record<string, unknown>; created_at: string }>(sql`
      select seq::int as seq, type, payload, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
      from hall_events where published_at is null order by seq limit 500`);
    if (rows.length === 0) return 0;
    const pipeline = redis.multi();
    for (const r of rows) {
      const event = { seq: r.seq, type: r.type, at: r.created_at, data: r.payload } as HallEvent;
      pipeline.publish(eventsChannel(redisPrefix), JSON.stringify(event));
    }
    await pipeline.exec();
    await tx.execute(sql`update hall_events set published_at = now() where seq between ${rows[0]!.seq} and ${rows.at(-1)!.seq} and published_at is null`);
    return rows.length;
  });
}
