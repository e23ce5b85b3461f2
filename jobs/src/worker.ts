import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import { createDb, DEV_CONTROLLER_SECRET_KEY } from '@campus/db';
import { DEFAULT_DOOR_OPTIONS, startDoorPipeline, type DoorPipeline, type DoorPipelineOptions } from './doors/pipeline.ts';
import { workerConnection } from './connection.ts';
import { handlers, type HandlerContext } from './handlers.ts';
import type { RetentionPolicy } from './retention.ts';
import { QUEUE_NAMES, bullPrefix, heartbeatKey, type QueueName } from './queues.ts';

export interface WorkerOptions {
  redisUrl: string;
  redisPrefix: string;
  databaseUrl: string;
  hallTz: string;
  /** Seconds between runs of the ticket expiry (it is idempotent). */
  expireEvery?: number;
  /** Minutes between repairs of the next 25 hours' reminder jobs. */
  reminderSyncEveryMinutes?: number;
  /** Minutes between card sweeps (expiries missed, leavers to close, balances due). */
  cardSweepEveryMinutes?: number;
  /** Seconds between heartbeats. */
  heartbeatEvery?: number;
  /** What the prune deletes, and how often it runs. */
  retention: RetentionPolicy & { pruneEveryMinutes: number };
  /** Opens the controllers' secrets (CONTROLLER_SECRET_KEY); the development key when absent. */
  controllerSecretKey?: Buffer;
  /** Seconds between reconciliations of every controller's list. */
  reconcileEverySeconds?: number;
  /** Push attempts, back-off and timeouts of the door pipeline. */
  doors?: Partial<DoorPipelineOptions>;
  log?: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

export interface RunningWorkers {
  workerId: string;
  doors: DoorPipeline;
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per queue, dispatching each job by name to its handler.
 * Any number of processes may run these side by side: BullMQ hands each job to one of them.
 */
export async function startWorkers(opts: WorkerOptions): Promise<RunningWorkers> {
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const prefix = bullPrefix(opts.redisPrefix);
  const commands = workerConnection(opts.redisUrl);
  const database = createDb(opts.databaseUrl, { max: 4, applicationName: 'campus-desk-worker' });
  const appointments = new Queue<unknown, unknown, string>('appointments' satisfies QueueName, { connection: workerConnection(opts.redisUrl), prefix });
  const cards = new Queue<unknown, unknown, string>('cards' satisfies QueueName, { connection: workerConnection(opts.redisUrl), prefix });
  const doorsQueue = new Queue<unknown, unknown, string>('doors' satisfies QueueName, { connection: workerConnection(opts.redisUrl), prefix });
  doorsQueue.on('error', (err) => opts.log?.error({ err }, 'doors queue error'));
  // The relay adds through a connection that fails at once while Redis is down (the rows then wait), never one that queues.
  const producer = workerConnection(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', () => {});
  const doorDatabase = createDb(opts.databaseUrl, { max: 6, applicationName: 'campus-desk-doors' });
  const doors = await startDoorPipeline({
    database: doorDatabase,
    connect: () => workerConnection(opts.redisUrl),
    producer,
    prefix,
    doorsQueue: doorsQueue as Queue,
    secretKey: opts.controllerSecretKey ?? DEV_CONTROLLER_SECRET_KEY,
    options: { ...DEFAULT_DOOR_OPTIONS, ...opts.doors },
    ...(opts.log ? { log: opts.log } : {}),
  });
  const ctx: HandlerContext = { redis: commands, redisPrefix: opts.redisPrefix, db: database.db, hallTz: opts.hallTz, appointmentsQueue: appointments, cardsQueue: cards, doors };

  const workers = QUEUE_NAMES.map(
    (name) =>
      new Worker(
        name,
        async (job: Job) => {
          const queueHandlers = handlers[name] as Record<string, (payload: unknown, c: HandlerContext) => Promise<unknown>>;
          const handle = queueHandlers[job.name];
          if (!handle) throw new Error(`No handler for job ${name}/${job.name}`);
          return handle(job.data, ctx);
        },
        { connection: workerConnection(opts.redisUrl), prefix, concurrency: 4 },
      ),
  );
  for (const w of workers) {
    w.on('failed', (job, err) => opts.log?.error({ err, queue: w.name, job: job?.name, id: job?.id }, 'job failed'));
    w.on('error', (err) => opts.log?.error({ err, queue: w.name }, 'worker error'));
  }

  // The heartbeat goes through the queue itself, so it proves the whole pipeline works.
  const maintenance = new Queue<unknown, unknown, string>('maintenance' satisfies QueueName, { connection: workerConnection(opts.redisUrl), prefix });
  const beat = () =>
    maintenance
      .add('worker.heartbeat', { workerId }, { removeOnComplete: 100, removeOnFail: 100 })
      .catch((err: unknown) => opts.log?.error({ err }, 'heartbeat not queued'));
  await beat();
  // One schedule shared by every worker process: BullMQ runs each tick once.
  const hall = new Queue<unknown, unknown, string>('hall' satisfies QueueName, { connection: workerConnection(opts.redisUrl), prefix });
  // Finished runs are kept a while for the admin's queue view, not forever: Redis must not grow either.
  const keep = { removeOnComplete: 100, removeOnFail: 100 };
  await hall.upsertJobScheduler('tickets.expire', { every: (opts.expireEvery ?? 300) * 1000 }, { name: 'tickets.expire', data: {}, opts: keep });
  await appointments.upsertJobScheduler('appointments.offers.expire', { every: 60_000 }, { name: 'appointments.offers.expire', data: {}, opts: keep });
  // The policy travels in the job, so whichever worker takes a run applies the configured one.
  const { pruneEveryMinutes, ...policy } = opts.retention;
  await maintenance.upsertJobScheduler(
    'retention.prune',
    { every: pruneEveryMinutes * 60_000 },
    { name: 'retention.prune', data: policy, opts: keep },
  );
  // A slot's check-in closes on the minute; reminders are repaired for the next 25 hours.
  await appointments.upsertJobScheduler('appointments.sweep', { every: 60_000 }, { name: 'appointments.sweep', data: {}, opts: keep });
  await appointments.upsertJobScheduler(
    'appointments.reminders.sync',
    { every: (opts.reminderSyncEveryMinutes ?? 15) * 60_000 },
    { name: 'appointments.reminders.sync', data: {}, opts: keep },
  );
  // Leavers' accounts close by the day; overdue expiries and due balances are caught within the hour.
  await cards.upsertJobScheduler('cards.sweep', { every: (opts.cardSweepEveryMinutes ?? 60) * 60_000 }, { name: 'cards.sweep', data: {}, opts: keep });
  // Validity ends (the sweep behind the delayed jobs) and the reconciliation of every controller's list.
  await doorsQueue.upsertJobScheduler('grants.expire', { every: 60_000 }, { name: 'grants.expire', data: {}, opts: keep });
  await doorsQueue.upsertJobScheduler(
    'doors.reconcile',
    { every: (opts.reconcileEverySeconds ?? 300) * 1000 },
    { name: 'doors.reconcile', data: {}, opts: keep },
  );
  const timer = setInterval(() => void beat(), (opts.heartbeatEvery ?? 10) * 1000);
  timer.unref();
  opts.log?.info({ workerId, queues: QUEUE_NAMES }, 'workers started');

  return {
    workerId,
    doors,
    async close() {
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.close()));
      await doors.close();
      await doorsQueue.close();
      producer.disconnect();
      await doorDatabase.close();
      await maintenance.close();
      await hall.close();
      await appointments.close();
      await cards.close();
      await database.close();
      await commands.del(heartbeatKey(opts.redisPrefix, workerId)).catch(() => 0);
      commands.disconnect();
    },
  };
}
