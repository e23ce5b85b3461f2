import { Queue } from 'bullmq';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { bullPrefix, producerConnection, type JobName, type JobPayload, type QueueName } from '@campus/jobs';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Enqueues a job after a commit, fire-and-forget: never throws and never waits longer than the
     * Redis command timeout, so a Redis outage costs a job (the workers' periodic sync repairs it),
     * never a response.
     */
    enqueueJob<Q extends QueueName, J extends JobName<Q>>(queue: Q, name: J, data: JobPayload<Q, J>): void;
  }
}

interface JobsPluginOptions {
  url: string;
  prefix: string;
  commandTimeoutMs: number;
}

/** BullMQ producer queues, opened on first use and closed with the app. */
export default fp<JobsPluginOptions>(
  async (app, opts) => {
    const queues = new Map<QueueName, Queue>();
    const connections: Redis[] = [];
    const queueOf = (name: QueueName): Queue => {
      let queue = queues.get(name);
      if (!queue) {
        const connection = producerConnection(opts.url);
        connection.on('error', (err) => app.log.debug({ err }, 'job producer connection error'));
        connections.push(connection);
        queue = new Queue(name, { connection, prefix: bullPrefix(opts.prefix) });
        queue.on('error', (err) => app.log.debug({ err }, `job queue ${name} error`));
        queues.set(name, queue);
      }
      return queue;
    };
    const pending = new Set<Promise<unknown>>();
    app.decorate('enqueueJob', (queue, name, data) => {
      let timer: NodeJS.Timeout | undefined;
      const added = Promise.race([
        queueOf(queue).add(name, data, { removeOnComplete: 1000, removeOnFail: 1000 }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), opts.commandTimeoutMs);
        }),
      ])
        .catch((err: unknown) => app.log.warn({ err, queue, name }, 'enqueueing a job failed; the periodic sync repairs it'))
        .finally(() => {
          clearTimeout(timer);
          pending.delete(added);
        });
      pending.add(added);
    });
    app.addHook('onClose', async () => {
      await Promise.allSettled([...pending]);
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      for (const c of connections) c.disconnect();
    });
  },
  { name: 'jobs' },
);
