import type { Db } from '@campus/db';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { expireWaitlistOffers } from './appointments/offers.ts';
import { sendReminder, syncReminders, syncUpcomingReminders } from './appointments/reminders.ts';
import { sweepNoShows } from './appointments/sweeper.ts';
import { sweepCards } from './cards/sweep.ts';
import { expireCard } from './cards/lifecycle.ts';
import { syncCardExpiry } from './cards/validity.ts';
import { expireDueGrants, expireGrant } from './doors/expiry.ts';
import type { DoorPipeline } from './doors/pipeline.ts';
import { expireStaleTickets } from './expire-tickets.ts';
import { pruneOldRows } from './retention.ts';
import { heartbeatKey, type JobName, type JobPayloads, type QueueName } from './queues.ts';

export interface HandlerContext {
  redis: Redis;
  redisPrefix: string;
  db: Db;
  hallTz: string;
  /** The appointments queue, where the reminder jobs are added, moved and removed. */
  appointmentsQueue: Queue;
  /** The cards queue, where each card's delayed expiry job lives. */
  cardsQueue: Queue;
  /** The door pipeline of this process (its per-controller queues). */
  doors: DoorPipeline;
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
    'appointments.offers.expire': async (_payload, { db }) => expireWaitlistOffers(db),
    'appointment.changed': async ({ appointmentId }, { db, appointmentsQueue }) => syncReminders(db, appointmentsQueue, appointmentId, new Date()),
    'appointments.sweep': async (_payload, { db, hallTz }) => sweepNoShows(db, hallTz, new Date()),
    'appointment.remind': async (payload, { db, hallTz }) => sendReminder(db, hallTz, payload),
    'appointments.reminders.sync': async (_payload, { db, appointmentsQueue }) => ({ synced: await syncUpcomingReminders(db, appointmentsQueue, new Date()) }),
  },
  cards: {
    'card.validity.changed': async ({ cardId }, { db, cardsQueue, hallTz }) => ({ firesAt: await syncCardExpiry(db, cardsQueue, hallTz, cardId, new Date()) }),
    'card.expire': async ({ cardId }, { db, hallTz }) => ({ expired: await expireCard(db, hallTz, cardId, new Date()) }),
    'cards.sweep': async (_payload, { db, cardsQueue, hallTz }) => sweepCards(db, cardsQueue, hallTz, new Date()),
  },
  doors: {
    'grant.expire': async ({ grantId, version }, { db }) => expireGrant(db, grantId, version),
    'grants.expire': async (_payload, { db }) => expireDueGrants(db),
    'doors.reconcile': async (_payload, { doors }) => doors.reconcileAll(),
  },
};
