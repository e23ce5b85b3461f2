import fp from 'fastify-plugin';
import { publishPendingEvents } from '../events/publisher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Publishes what committed transactions wrote to the outbox. Never throws: a sweep retries. */
    publishEvents(): Promise<void>;
  }
}

/** How often each API process sweeps the outbox for events a failed publish left behind. */
const SWEEP_MS = 2000;

export default fp(
  async (app) => {
    const publish = async () => {
      try {
        await publishPendingEvents(app.db, app.redis, app.redisPrefix);
      } catch (err) {
        app.log.warn({ err }, 'publishing hall events failed; the sweep will retry');
      }
    };
    app.decorate('publishEvents', publish);
    const timer = setInterval(() => void publish(), SWEEP_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'events', dependencies: ['db', 'redis'] },
);
