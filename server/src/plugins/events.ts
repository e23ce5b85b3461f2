import fp from 'fastify-plugin';
import { BATCH, publishPendingEvents } from '../events/publisher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Starts publishing what committed transactions wrote to the outbox, and returns at once: a
     * response never waits for Redis (a stalled one would hold every change). Never throws; the
     * sweep retries whatever a pass could not deliver.
     */
    publishEvents(): void;
  }
}

/** How often each API process sweeps the outbox for events a failed publish left behind. */
const SWEEP_MS = 2000;

/** While another process holds the publishing lock, try again this soon, up to this many times. */
const BUSY_RETRY_MS = 15;
const BUSY_RETRIES = 100;

export default fp(
  async (app) => {
    let closing = false;
    /** Publishes until the outbox is empty; if another process is publishing, waits for its turn. */
    const drain = async () => {
      for (let busy = 0; busy < BUSY_RETRIES && !closing; ) {
        const published = await publishPendingEvents(app.db, app.redis, app.redisPrefix);
        if (published === 'busy') {
          busy += 1;
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
        } else if (published < BATCH) {
          return;
        }
      }
    };

    // One pass at a time per process. A caller joins the pass that has not started yet (it will see
    // the caller's committed event) or queues one after the running pass: a burst of 100 calls costs
    // a few passes, not 100 transactions fighting over the lock.
    let tail: Promise<void> = Promise.resolve();
    let pending: Promise<void> | null = null;
    const publish = (): Promise<void> => {
      if (pending) return pending;
      const pass = tail.then(async () => {
        pending = null;
        try {
          await drain();
        } catch (err) {
          app.log.warn({ err }, 'publishing hall events failed; the sweep will retry');
        }
      });
      pending = pass;
      tail = pass;
      return pass;
    };
    app.decorate('publishEvents', () => void publish());
    const timer = setInterval(() => void publish(), SWEEP_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      closing = true;
      clearInterval(timer);
      await tail;
    });
  },
  { name: 'events', dependencies: ['db', 'redis'] },
);
