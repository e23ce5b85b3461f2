import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { QUEUE_NAMES, bullPrefix, doorQueueName, producerConnection } from '@campus/jobs';
import { allow } from '../common/access.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The BullMQ queues for admins (`@bull-board/fastify`), at /admin/queues: the fixed queues and one
 * per door controller, read again every minute as controllers are added. Its routes are outside
 * /api, so the admin rule is given to each as it registers and the auth plugin enforces it.
 */
export default fp(
  async (app: FastifyInstance) => {
    const connection = producerConnection(app.config.redisUrl);
    connection.on('error', (err) => app.log.debug({ err }, 'queue board connection error'));
    const prefix = bullPrefix(app.config.redisPrefix);
    const queues = new Map<string, Queue>();
    const server = new FastifyAdapter();
    const board = createBullBoard({ queues: [], serverAdapter: server, options: { uiConfig: { boardTitle: 'Campus desk queues' } } });

    const refresh = async () => {
      const controllers = await app.db.execute<{ code: string }>(sql`select code from controllers order by code`);
      const names = [...QUEUE_NAMES, ...controllers.map((c) => doorQueueName(c.code))];
      for (const name of names) {
        if (queues.has(name)) continue;
        const queue = new Queue(name, { connection, prefix });
        queue.on('error', (err) => app.log.debug({ err, queue: name }, 'queue board queue error'));
        queues.set(name, queue);
        board.addQueue(new BullMQAdapter(queue, { readOnlyMode: false }));
      }
    };
    await refresh().catch((err: unknown) => app.log.warn({ err }, 'queue board: controllers not read'));
    const timer = setInterval(() => void refresh().catch(() => {}), 60_000);
    timer.unref();

    server.setBasePath(QUEUE_BOARD_PATH);
    await app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          route.config = { ...(route.config as object), access: allow.roles('admin') } as typeof route.config;
        });
        await scope.register(server.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
      },
    );
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    });
  },
  { name: 'queue-board', dependencies: ['db', 'auth'] },
);
