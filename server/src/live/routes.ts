import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { actorFromSession, SESSION_COOKIE } from '../accounts/sessions.ts';
import { crossSite } from '../plugins/auth.ts';
import { sendProblem } from '../plugins/errors.ts';
import { allow, type Actor } from '../common/access.ts';
import { EventBus } from './bus.ts';
import { LiveHub } from './hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    live: { bus: EventBus; hub: LiveHub };
  }
}

/**
 * `GET /ws`: the live board, clerk consoles and "my ticket" pages (protocol: docs/live-updates.md).
 * Each process listens to the Redis event bus and fans events out to its own sockets.
 */
async function liveRoutes(app: FastifyInstance): Promise<void> {
  const bus = new EventBus({ db: app.db, redisUrl: app.config.redisUrl, redisPrefix: app.redisPrefix, log: app.log });
  const hub = new LiveHub({
    db: app.db,
    ticketRules: app.config.queue,
    bus,
    hallTz: app.config.hallTz,
    heartbeatMs: app.config.live.heartbeatMs,
    maxBufferedBytes: app.config.live.maxBufferedBytes,
    log: app.log,
  });
  app.decorate('live', { bus, hub });
  app.addHook('onReady', async () => bus.start());
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => bus.close());

  app.get(
    '/ws',
    {
      websocket: true,
      config: { access: allow.public, allowDuringPasswordChange: true },
      // A browser page elsewhere must not ride the hall's session cookie into a socket.
      preValidation: async (request, reply) => {
        if (request.headers.origin !== undefined && crossSite(request, app.config.publicOrigin)) {
          return sendProblem(reply, request, { status: 403, code: 'cross_site_request', title: 'Connect from this site' });
        }
        // Generous, for a campus behind one NAT address, but a bound: one address cannot hold the process.
        if (hub.connectionsFrom(request.ip) >= app.config.live.maxConnectionsPerIp) {
          return sendProblem(reply, request, {
            status: 429,
            code: 'too_many_connections',
            title: 'Too many live connections from this address',
            detail: `At most ${app.config.live.maxConnectionsPerIp} per address; close another tab or board first`,
          });
        }
      },
    },
    (socket, request) => {
      const token = request.cookies[SESSION_COOKIE];
      const first = request.actor;
      const actor = async (): Promise<Actor> => (token && first.kind === 'account' ? actorFromSession(app.db, token, app.config.auth) : first);
      hub.attach(socket, actor, request.ip);
      // The upgrade's HTTP response stays assigned to the TCP socket (@fastify/websocket routes the
      // upgrade as a request), and through it the raw request with its headers: kept for the
      // socket's whole life. Detached here, an idle socket keeps nothing of its upgrade.
      const tcp = request.raw.socket as (typeof request.raw.socket & { _httpMessage?: { detachSocket?(s: unknown): void } | null }) | null;
      tcp?._httpMessage?.detachSocket?.(tcp);
    },
  );
}

export default fp(liveRoutes, { name: 'live', dependencies: ['db', 'redis', 'auth'] });
