import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  db: Status,
  redis: Status,
});

/** Each probe gets this long; the whole check answers well inside 2 s even when a service hangs. */
const PROBE_TIMEOUT_MS = 1000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const probe = async (check: () => Promise<unknown>): Promise<'up' | 'down'> => {
  try {
    await within(check(), PROBE_TIMEOUT_MS);
    return 'up';
  } catch {
    return 'down';
  }
};

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: allow.public },
      schema: {
        tags: ['system'],
        summary: 'Liveness of the API and its backing services; 503 when Postgres or Redis is down',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const [db, redis] = await Promise.all([
        probe(() => app.db.execute(sql`select 1`)),
        probe(() => app.redis.ping()),
      ]);
      const ok = db === 'up' && redis === 'up';
      return reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send({ status: ok ? 'ok' : 'unavailable', db, redis });
    },
  );
};

export default healthRoutes;
