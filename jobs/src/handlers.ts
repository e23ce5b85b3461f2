import type { Db } from '@campus/db';
import type { Redis } from 'ioredis';
import { expireWaitlistOffers } from './appointments/offers.ts';
import { expireStaleTickets } from './expire-tickets.ts';
import { pruneOldRows } from './retention.ts';
import { heartbeatKey, type JobName, type JobPayloads, type QueueName } from './queues.ts';

export interface HandlerContext {
  redis: Redis;
  redisPrefix: string;
  db: Db;
  hallTz: string;
}

export type Handlers = {
  [Q in QueueName]: { [J in JobName<Q>]: (payload: JobPayloads[Q][J], ctx: HandlerContext) => Promise<unknown> };
};

/** How long a heartbeat counts: a few missed beats mean the worker is gone. */
export const HEARTBEAT_TTL_SECONDS = 30;

export const handlers: Handlers = {
  maintenance: {
    'worker.heartbeat': async ({ workerId }, { redis, redisPrefix }) => {
      await redis.set(heartbeatKey(redisPrefix, workerId), new Date().toISOString(), 'EX', HEARTBEAT_TTL_SECONDS);
      return { workerId };
    },
    'retention.prune': async (policy, { db, hallTz }) => pruneOldRows(db, hallTz, policy),
  },
  hall: {
    'tickets.expire': async (_payload, { db, hallTz }) => ({ expired: await expireStaleTickets(db, hallTz) }),
  },
  appointments: {
    // The reminders slice (issue 12) brings this appointment's reminder jobs in line with its row.
    'appointment.changed': async ({ appointmentId }) => ({ appointmentId, synced: false }),
    'appointments.offers.expire': async (_payload, { db }) => expireWaitlistOffers(db),
  },
};
