import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
    redisPrefix: string;
  }
}

interface RedisPluginOptions {
  url: string;
  prefix: string;
  commandTimeoutMs: number;
}

/**
 * The shared command connection. Offline queueing is off so a request fails fast while Redis is down
 * instead of hanging, and every command times out, so a stalled Redis (paused, swapping, blocked by
 * a slow script) costs a request at most `commandTimeoutMs`; ioredis keeps reconnecting in the background.
 */
export default fp<RedisPluginOptions>(
  async (app, opts) => {
    const redis = new Redis(opts.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: opts.commandTimeoutMs,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    redis.on('error', (err) => app.log.debug({ err }, 'redis connection error'));
    // Wait briefly for the first connection so the app starts ready, but boot anyway while Redis is
    // down: /api/health reports it and ioredis keeps reconnecting.
    const connected = redis.connect().then(
      () => true,
      (err: unknown) => {
        app.log.warn({ err }, 'redis not reachable yet');
        return false;
      },
    );
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    app.decorate('redis', redis);
    app.decorate('redisPrefix', opts.prefix);
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  },
  { name: 'redis' },
);
