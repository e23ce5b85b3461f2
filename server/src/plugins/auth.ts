import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorFromDeviceToken, actorFromSession, SESSION_COOKIE } from '../accounts/sessions.ts';
import { decide, type Access, type Actor } from '../common/access.ts';
import { sendProblem } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** The route's permission rule; required on every /api route. */
    access?: Access;
    /** Reachable while the account must change its password (me, password change, sign-out). */
    allowDuringPasswordChange?: boolean;
  }
}

/** Every /api route with its rule, collected as routes register: the matrix test reads this. */
interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Same-site check for cookie-authenticated changes: the browser's Origin (or Referer) must be ours. */
export function crossSite(request: FastifyRequest, publicOrigin: string | null): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source) return true;
  let origin: URL;
  try {
    origin = new URL(source);
  } catch {
    return true;
  }
  if (publicOrigin && origin.origin === publicOrigin) return false;
  // Browsers omit default ports in Origin; some clients keep them in Host.
  const host = request.host.replace(/:(80|443)$/, '');
  return origin.host !== host;
}

export default fp(
  async (app) => {
    await app.register(cookie);
    // Set by the onRequest hook below before any handler runs.
    app.decorateRequest('actor', null as never);
    app.decorate('routeAccess', [] as RouteAccess[]);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return;
      const access = route.config?.access;
      if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        app.routeAccess.push({ method, url: route.url, access });
      }
    });

    const settings = app.config.auth;

    async function resolveActor(request: FastifyRequest, reply: FastifyReply): Promise<Actor | null> {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const match = /^Bearer ([\w.~+/=-]{1,512})$/.exec(authorization);
        const device = match ? await actorFromDeviceToken(app.db, match[1]!) : null;
        if (!device) {
          await sendProblem(reply, request, { status: 401, code: 'invalid_token', title: 'The device token is not valid or was revoked' });
          return null;
        }
        return device;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return { kind: 'anonymous', expiredSession: false };
      return actorFromSession(app.db, token, settings);
    }

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access;
      if (!access) {
        // Not an /api route (static UI, not-found): no identity needed.
        request.actor = { kind: 'anonymous', expiredSession: false };
        return;
      }
      const actor = await resolveActor(request, reply);
      if (!actor) return reply;
      request.actor = actor;

      if (!SAFE_METHODS.has(request.method) && request.cookies[SESSION_COOKIE] && actor.kind !== 'device' && crossSite(request, app.config.publicOrigin)) {
        return sendProblem(reply, request, {
          status: 403,
          code: 'cross_site_request',
          title: 'Changes with a session cookie must come from this site',
        });
      }

      const decision = decide(access, actor, request);
      if (decision === 'unauthenticated') {
        const expired = actor.kind === 'anonymous' && actor.expiredSession;
        if (expired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return sendProblem(reply, request, {
          status: 401,
          code: expired ? 'session_expired' : 'unauthenticated',
          title: expired ? 'Your session has ended; sign in again' : 'Sign in first',
        });
      }
      if (decision === 'forbidden') {
        return sendProblem(reply, request, { status: 403, code: 'forbidden', title: 'You may not do this' });
      }
      if (actor.kind === 'account' && actor.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
        return sendProblem(reply, request, {
          status: 403,
          code: 'password_change_required',
          title: 'Set a new password first',
          detail: 'An administrator reset your password; change it before doing anything else.',
        });
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'errors'] },
);
