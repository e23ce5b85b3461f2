import type { RetentionPolicy } from './retention.ts';

/**
 * Every queue, job name and payload type, in one place. The server imports these to enqueue;
 * the workers to handle. Later slices add the door-lock pushes and the queue housekeeping here.
 */
export interface JobPayloads {
  maintenance: {
    /** Workers announce themselves so /api/health and admins can see who is alive. */
    'worker.heartbeat': { workerId: string };
    /** Deletes old board events, ended sessions and read notifications, in short batches. */
    'retention.prune': RetentionPolicy;
  };
  hall: {
    /** Expires tickets whose service will not open again today (and leftovers of earlier days). */
    'tickets.expire': Record<string, never>;
  };
  appointments: {
    /**
     * An appointment was booked, moved or cancelled: bring its reminder jobs in line with its row
     * (enqueued by the server after the commit; a periodic sync repairs any that were not).
     */
    'appointment.changed': { appointmentId: string };
    /** Waitlist offers past their hold pass their seat to the next person waiting (or free it). */
    'appointments.offers.expire': Record<string, never>;
    /** Every minute: booked appointments whose check-in has closed become no-shows (and suspensions follow). */
    'appointments.sweep': Record<string, never>;
    /**
     * A reminder, delayed to `minutes` before the slot (job id `remind:<appointmentId>:<minutes>`).
     * The handler re-reads the row: nothing is sent unless it is still booked at `slotStart`.
     */
    'appointment.remind': { appointmentId: string; minutes: number; slotStart: string };
    /** Periodic repair: the reminder jobs of the appointments of the next 25 hours. */
    'appointments.reminders.sync': Record<string, never>;
  };
  cards: {
    /** A card's validity or status changed: bring its expiry job in line with its row (enqueued after the commit). */
    'card.validity.changed': { cardId: number };
    /** Delayed to the end of `validUntil` (job id `card-expire-<cardId>`); re-reads the row before expiring. */
    'card.expire': { cardId: number; validUntil: string };
    /** Periodic: overdue expiries, leavers' accounts to close, replacement balances due, the next days' expiry jobs. */
    'cards.sweep': Record<string, never>;
  };
  doors: {
    /** Delayed to a grant's validity end (job id `expire.<grantId>.v<version>`): revokes it if still that version. */
    'grant.expire': { grantId: number; version: number };
    /** Every minute: revokes any grant whose validity ended (a delayed job lost with Redis is caught here). */
    'grants.expire': Record<string, never>;
    /** Periodic: asks every active controller's queue to reconcile its list. */
    'doors.reconcile': Record<string, never>;
  };
}

/**
 * The per-controller queues (`door-<controller code>`): each controller has its own, so an offline
 * one backs off alone while the others keep flowing.
 */
export interface DoorJobPayloads {
  /** One outbox row: job id `<controller>.<card>.<door>.v<version>` (BullMQ refuses ':' in ids). */
  push: DoorPush;
  /** Read the controller's list, compare with the database, push the difference. */
  sync: { controllerId: number };
}

export interface DoorPush {
  commandId: number;
  grantId: number;
  controllerId: number;
  command: 'grant' | 'revoke';
  cardNumber: string;
  door: string;
  validFrom: string;
  validTo: string | null;
  version: number;
}

export const DOOR_QUEUE_PREFIX = 'door-';
export const doorQueueName = (controllerCode: string) => `${DOOR_QUEUE_PREFIX}${controllerCode.replace(/:/g, '_')}`;
export const doorPushJobId = (p: { cardNumber: string; door: string; version: number }, controllerCode: string) =>
  `${controllerCode}.${p.cardNumber}.${p.door}.v${p.version}`.replace(/:/g, '_');
/** BullMQ priorities: lower runs first. Revocations before grants; reconciliation after both. */
export const DOOR_PRIORITY = { revoke: 1, grant: 2, sync: 3 } as const;

export type QueueName = keyof JobPayloads;
export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = JobPayloads[Q][J];

export const QUEUE_NAMES: readonly QueueName[] = ['maintenance', 'hall', 'appointments', 'cards', 'doors'];

/** BullMQ key prefix under the app's Redis prefix, so several halls or test files can share a Redis. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}bull`;
}

export function heartbeatKey(redisPrefix: string, workerId: string): string {
  return `${redisPrefix}workers:${workerId}`;
}
