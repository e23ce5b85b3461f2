import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow, strongestRole } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { AppError, problemResponses } from '../common/problem.ts';
import { lockedProblem, retryAfterSeconds } from './lock-problem.ts';
import { loginRateLimits } from './login-limits.ts';
import { loginSource } from './lockout.ts';
import { attemptLogin } from './login.ts';
import { loadMe } from './me.ts';
import { changePassword } from './password-change.ts';
import { AccountLockedProblem, LoginBody, Me, PasswordChangeBody } from './schemas.ts';
import { endAllSessions, endSession, openSession } from './session-actions.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** Sign-in, sign-out, who am I, and password change. */
const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.auth;

  app.post(
    '/api/auth/login',
    {
      config: { access: allow.public },
      preHandler: loginRateLimits(app, settings),
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with a student/staff number or username and password; sets the session cookie',
        description:
          'Wrong passwords are counted per account and source (the client address, or the device of a device-token caller): ' +
          'LOGIN_MAX_FAILURES in a row lock the account for that source only; LOGIN_ACCOUNT_MAX_FAILURES from everywhere within ' +
          'LOGIN_ACCOUNT_WINDOW_MINUTES lock it everywhere. A lock answers 423 saying until when and why.',
        body: LoginBody,
        response: {
          200: Me,
          401: { $ref: 'Problem' },
          403: { $ref: 'Problem' },
          423: AccountLockedProblem,
          429: { $ref: 'Problem' },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const outcome = await attemptLogin(
        app.db,
        { username: username.trim(), password, source: loginSource(request), audit: auditSourceOf(request) },
        settings,
      );
      if (!outcome.ok) {
        if (outcome.reason === 'account_locked') {
          return reply.code(423).header('retry-after', retryAfterSeconds(outcome.lock)).type('application/problem+json').send(lockedProblem(outcome.lock));
        }
        throw outcome.reason === 'account_disabled'
          ? new AppError(403, 'account_disabled', 'This account is disabled')
          : new AppError(401, 'invalid_credentials', 'Wrong username or password');
      }
      const me = await loadMe(app.db, outcome.accountId);
      const role = strongestRole(new Set(me.roles));
      const who = { ...auditSourceOf(request, { accountId: outcome.accountId, role, deviceId: null }), ip: request.ip };
      const session = await openSession(app.db, who, outcome.accountId, request.headers['user-agent'], settings);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: session.expiresAt,
      });
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: allow.public, allowDuringPasswordChange: true },
      schema: { tags: ['accounts'], summary: 'Sign out of this session', response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      const account = accountOf(request.actor);
      if (account) {
        await endSession(app.db, auditSourceOf(request), account.accountId, account.sessionId);
      }
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      config: { access: allow.signedIn, allowDuringPasswordChange: true },
      schema: { tags: ['accounts'], summary: 'Sign out everywhere: ends every session of this account', response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      const account = accountOf(request.actor)!;
      await endAllSessions(app.db, auditSourceOf(request), account.accountId);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: allow.public, allowDuringPasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in, if anyone: 200 with account null for visitors (public pages ask this, not /api/me)',
        response: {
          200: Type.Object({ account: Type.Union([Me, Type.Null()]), expired: Type.Boolean({ description: 'A session cookie was sent but has ended' }) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const account = accountOf(request.actor);
      if (account) return { account: await loadMe(app.db, account.accountId), expired: false };
      return { account: null, expired: request.actor.kind === 'anonymous' && request.actor.expiredSession };
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: allow.signedIn, allowDuringPasswordChange: true },
      schema: { tags: ['accounts'], summary: 'The signed-in account: person, roles and assigned windows', response: { 200: Me, ...problemResponses } },
    },
    async (request) => loadMe(app.db, accountOf(request.actor)!.accountId),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: allow.signedIn, allowDuringPasswordChange: true },
      preHandler: app.rateLimit({ max: 10, timeWindow: 600_000, keyGenerator: (req) => `password:${accountOf(req.actor)?.accountId}` }),
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; ends the account’s other sessions',
        body: PasswordChangeBody,
        response: { 204: { type: 'null' }, 403: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const account = accountOf(request.actor)!;
      await changePassword(app.db, auditSourceOf(request), account, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );
};

export default accountRoutes;
