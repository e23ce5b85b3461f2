import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/problem.ts';
import { loginSource } from './lockout.ts';

interface LoginLimitSettings {
  loginPerIpPerMinute: number;
  loginPerAccountPer10Minutes: number;
}

/**
 * Both sign-in rate limits in one preHandler. @fastify/rate-limit runs only the first of several
 * `app.rateLimit()` handlers on a route (it marks the request as limited once), so the second
 * limit was never applied; `createRateLimit` checks each one. The per-account limit counts per
 * account *and source*: whoever exhausts it does not keep the account's owner out elsewhere.
 */
export function loginRateLimits(app: FastifyInstance, settings: LoginLimitSettings) {
  const perIp = app.createRateLimit({ max: settings.loginPerIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `login-ip:${req.ip}` });
  const perAccount = app.createRateLimit({
    max: settings.loginPerAccountPer10Minutes,
    timeWindow: 600_000,
    keyGenerator: (req) => {
      const username = String((req.body as { username?: unknown } | undefined)?.username).trim().toLowerCase();
      const source = loginSource(req);
      return `login-account:${source.kind}:${source.value}:${username}`;
    },
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of [perIp, perAccount]) {
      const result = await limit(request);
      // With Redis down the store errs and the limit is skipped (skipOnError): the lockout in Postgres still holds.
      if (result.isAllowed || !result.isExceeded) continue;
      reply.header('retry-after', result.ttlInSeconds);
      throw new AppError(429, 'rate_limited', 'Too many requests; try again shortly', `Retry in ${result.ttlInSeconds} s`);
    }
  };
}
