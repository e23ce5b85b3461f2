import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db, DbHandle } from '@campus/db';
import { DOOR_COMMANDS_CHANNEL } from '@campus/db';
import { DOOR_PRIORITY, doorQueueName, type DoorJobPayloads, type DoorPush } from '../queues.ts';
import { Batcher } from './batcher.ts';
import { markSent, recordAcks, recordFailed, recordPushError, type Acked } from './record.ts';
import { reconcileController } from './reconcile.ts';
import { relayDoorCommands, RELAY_BATCH } from './relay.ts';
import { ControllerTargets } from './targets.ts';
import { postSigned, type ControllerTarget } from './transport.ts';
import type { CommandAck } from './protocol.ts';

export interface DoorPipelineOptions {
  /** Tries per push before the grant is `failed`. */
  attempts: number;
  /** Exponential back-off: the first retry waits `backoffMs`, each next twice as long, at most `backoffMaxMs`. */
  backoffMs: number;
  backoffMaxMs: number;
  pushTimeoutMs: number;
  /** Pushes in flight per controller (per worker process). */
  concurrency: number;
  /** Milliseconds between relay polls (a commit also wakes the relay through NOTIFY). */
  relayPollMs: number;
}

export const DEFAULT_DOOR_OPTIONS: DoorPipelineOptions = {
  attempts: 10,
  backoffMs: 1000,
  backoffMaxMs: 60_000,
  pushTimeoutMs: 5000,
  concurrency: 8,
  relayPollMs: 500,
};

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

export interface DoorPipeline {
  /** The `doors` queue's handlers call these. */
  reconcileAll(): Promise<{ queued: number }>;
  /** Relays what is waiting now (tests and the bench call it to skip the poll). */
  relayNow(): Promise<void>;
  queues(): Queue[];
  close(): Promise<void>;
}

/**
 * Finished jobs kept per controller queue (for the admin's queue view, and so a re-added job id is
 * recognised). BullMQ trims a queue's whole finished set to the count of the job just finished, so
 * every job of a queue keeps the same count.
 */
const KEEP_JOBS = 1000;

export function backoffDelay(attemptsMade: number, opts: Pick<DoorPipelineOptions, 'backoffMs' | 'backoffMaxMs'>): number {
  const base = Math.min(opts.backoffMs * 2 ** Math.max(0, attemptsMade - 1), opts.backoffMaxMs);
  // A little jitter, so the retries of one outage do not arrive at the controller all at once.
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * The door pipeline in a worker process: the relay from the `door_commands` outbox, and one BullMQ
 * queue and worker per active controller (picked up as controllers are added), each pushing
 * signed commands and recording acknowledgements.
 */
export async function startDoorPipeline(deps: {
  database: DbHandle;
  connect: () => Redis;
  producer: Redis;
  prefix: string;
  doorsQueue: Queue;
  secretKey: Buffer;
  options: DoorPipelineOptions;
  log?: Log;
}): Promise<DoorPipeline> {
  const { database, options, log } = deps;
  const db: Db = database.db;
  const targets = new ControllerTargets(db, deps.secretKey);
  const queues = new Map<string, Queue>();
  const workers = new Map<number, Worker>();
  const connections: Redis[] = [];
  let closed = false;

  const queueFor = (code: string) => {
    let q = queues.get(code);
    if (!q) {
      q = new Queue(doorQueueName(code), { connection: deps.producer, prefix: deps.prefix });
      q.on('error', (err) => log?.error({ err, controller: code }, 'door queue error'));
      queues.set(code, q);
    }
    return q;
  };

  // The pushes in flight write their 'sent' and their acknowledgements together, a statement per batch.
  const sent = new Batcher<number, boolean>((ids) => markSent(db, ids));
  const acks = new Batcher<Acked, void>(async (items) => {
    await recordAcks(db, items);
    return items.map(() => undefined);
  });

  async function push(job: Job<DoorPush>, target: ControllerTarget) {
    const p = job.data;
    // 'sent' is recorded beside the push, not before it: the push need not wait for the database,
    // and a command already superseded is refused by the controller by its version anyway.
    void sent.add(p.commandId).catch((err: unknown) => log?.error({ err }, 'door command not marked sent'));
    try {
      if (!target.secret) throw new Error('the controller secret cannot be opened with CONTROLLER_SECRET_KEY');
      const ack = await postSigned<CommandAck>(
        target,
        { command: p.command, cardNumber: p.cardNumber, doors: [p.door], validFrom: p.validFrom, validTo: p.validTo, version: p.version },
        options.pushTimeoutMs,
      );
      await acks.add({ grantId: p.grantId, version: p.version, command: p.command, controllerId: p.controllerId, commandId: p.commandId, attempts: job.attemptsMade + 1 });
      return { applied: ack.applied };
    } catch (err) {
      const error = (err as Error).message;
      await recordPushError(db, { commandId: p.commandId, controllerId: p.controllerId, error });
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await recordFailed(db, { commandId: p.commandId, grantId: p.grantId, version: p.version, error, attempts: job.attemptsMade + 1 });
      }
      throw err;
    }
  }

  const ensureWorkers = async () => {
    const active = await targets.all();
    for (const t of active) {
      if (workers.has(t.id) || closed) continue;
      const connection = deps.connect();
      connection.on('error', () => {}); // reported by the worker's own error event
      connections.push(connection);
      const worker = new Worker<DoorPush | DoorJobPayloads['sync'], unknown, string>(
        doorQueueName(t.code),
        async (job) => {
          const target = await targets.get(t.id);
          if (job.name === 'sync') return reconcileController(db, target, options.pushTimeoutMs);
          return push(job as Job<DoorPush>, target);
        },
        {
          connection,
          prefix: deps.prefix,
          concurrency: options.concurrency,
          settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, options) },
        },
      );
      worker.on('error', (err) => log?.error({ err, controller: t.code }, 'door worker error'));
      workers.set(t.id, worker);
    }
  };
  await ensureWorkers();
  const refreshTimer = setInterval(() => void ensureWorkers().catch((err: unknown) => log?.error({ err }, 'door workers not refreshed')), 15_000);
  refreshTimer.unref();

  // The relay: drains on every NOTIFY and on a short poll; one drain at a time per process.
  let draining: Promise<void> | null = null;
  let again = false;
  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          while ((await relayDoorCommands(db, { controller: queueFor, doors: deps.doorsQueue }, { attempts: options.attempts, keep: KEEP_JOBS })) === RELAY_BATCH && !closed);
        } while (again && !closed);
      } catch (err) {
        // Redis or Postgres away: the rows stay unrelayed and the next poll tries again.
        log?.error({ err }, 'door commands not relayed yet');
      } finally {
        draining = null;
      }
    })();
    return draining;
  };
  const pollTimer = setInterval(() => void drain(), options.relayPollMs);
  pollTimer.unref();
  const listener = await database.sql.listen(DOOR_COMMANDS_CHANNEL, () => void drain()).catch((err: unknown) => {
    log?.error({ err }, 'LISTEN door_commands failed: relaying on the poll only');
    return null;
  });
  void drain();

  return {
    async reconcileAll() {
      const active = await targets.all();
      const bucket = Math.floor(Date.now() / 1000);
      await Promise.all(
        active.map((t) =>
          queueFor(t.code).add('sync', { controllerId: t.id }, { jobId: `sync.${t.id}.${bucket}`, priority: DOOR_PRIORITY.sync, removeOnComplete: KEEP_JOBS, removeOnFail: KEEP_JOBS }),
        ),
      );
      return { queued: active.length };
    },
    relayNow: drain,
    queues: () => [...queues.values()],
    async close() {
      closed = true;
      clearInterval(pollTimer);
      clearInterval(refreshTimer);
      await listener?.unlisten().catch(() => {});
      await draining;
      await Promise.all([...workers.values()].map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      for (const c of connections) c.disconnect();
    },
  };
}
