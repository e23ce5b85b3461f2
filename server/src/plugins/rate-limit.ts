import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../common/problem.ts';

/**
 * Limits kept in Redis, so they hold across every API process. Routes opt in with
 * `preHandler: app.rateLimit({...})`. They fail open: if Redis is down, or stalled past the
 * command timeout, the limits are skipped rather than locking everybody out or holding the request
 * (the Postgres-backed account lockout still applies).
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      redis: app.redis,
      nameSpace: `${app.redisPrefix}rl:`,
      skipOnError: true,
      errorResponseBuilder: (_request, context) => {
        const error = new AppError(429, 'rate_limited', 'Too many requests; try again shortly', `Retry in ${Math.ceil(context.ttl / 1000)} s`);
        return Object.assign(error, { statusCode: 429 });
      },
    });
  },
  { name: 'rate-limit', dependencies: ['redis'] },
);
