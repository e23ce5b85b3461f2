import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { Redis } from 'ioredis';
import type { HallEvent } from './hall-events.ts';

/** The Redis channel every server process listens on. */
export const eventsChannel = (redisPrefix: string) => `${redisPrefix}hall-events`;

const PUBLISH_LOCK = 727_021;
/** Rows per publishing transaction; a longer backlog takes several. */
export const BATCH = 500;

/**
 * Publishes committed, unpublished outbox rows to Redis in sequence order, and marks them.
 * One publisher at a time (advisory lock), so order holds across processes. Safe to call after
 * every commit and from a periodic sweep: rows left behind while Redis was down go out later.
 */
export async function publishPendingEvents(db: Db, redis: Redis, redisPrefix: string): Promise<number | 'busy'> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${PUBLISH_LOCK}) as ok`);
    if (!locked?.ok) return 'busy';
    const rows = await tx.execute<EventRow>(sql`${EVENT_COLUMNS} where published_at is null order by seq limit ${BATCH}`);
    if (rows.length === 0) return 0;
    const pipeline = redis.multi();
    for (const r of rows) pipeline.publish(eventsChannel(redisPrefix), JSON.stringify(toEvent(r)));
    await pipeline.exec();
    await tx.execute(sql`update hall_events set published_at = now() where seq between ${rows[0]!.seq} and ${rows.at(-1)!.seq} and published_at is null`);
    return rows.length;
  });
}

type EventRow = {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  created_at: string;
};

const EVENT_COLUMNS = sql`select seq::int8 as seq, type, payload,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at from hall_events`;

const toEvent = (r: EventRow) => ({ seq: Number(r.seq), type: r.type, at: r.created_at, data: r.payload }) as HallEvent;

/** Committed events after `seq`, in order, exactly as they are published: a listener catching up reads these. */
export async function eventsAfter(db: Db, seq: number, before?: number, limit = BATCH): Promise<HallEvent[]> {
  const rows = await db.execute<EventRow>(
    before === undefined
      ? sql`${EVENT_COLUMNS} where seq > ${seq} order by seq limit ${limit}`
      : sql`${EVENT_COLUMNS} where seq > ${seq} and seq < ${before} order by seq limit ${limit}`,
  );
  return rows.map(toEvent);
}
