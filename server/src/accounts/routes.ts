import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { hashPassword, schema, verifyPassword } from '@campus/db';
import { accountOf, allow, strongestRole } from '../shared/access.ts';
import { auditActor, recordAudit } from '../shared/audit.ts';
import { AppError, problemResponses } from '../shared/problem.ts';
import { lockedProblem, retryAfterSeconds } from './lock-problem.ts';
import { loginRateLimits } from './login-limits.ts';
import { loginSource } from './lockout.ts';
import { attemptLogin } from './login.ts';
import { loadMe } from './me.ts';
import { passwordCheck } from './password-policy.ts';
import { AccountLockedProblem, LoginBody, Me, PasswordChangeBody } from './schemas.ts';
import { createSession, revokeAccountSessions, revokeSession, SESSION_COOKIE } from './sessions.ts';

const { accounts } = schema;

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
        { username: username.trim(), password, source: loginSource(request), audit: { actor: auditActor(request.actor), ip: request.ip, requestId: String(request.id) } },
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
      const session = await app.db.transaction(async (tx) => {
        const created = await createSession(tx, outcome.accountId, { ip: request.ip, userAgent: request.headers['user-agent'] }, settings);
        await recordAudit(
          tx,
          request,
          { action: 'auth.login', objectType: 'account', objectId: outcome.accountId, after: { sessionId: created.id } },
          { accountId: outcome.accountId, role, deviceId: null },
        );
        return created;
      });
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
        await app.db.transaction(async (tx) => {
          await revokeSession(tx, account.sessionId);
          await recordAudit(tx, request, { action: 'auth.logout', objectType: 'account', objectId: account.accountId });
        });
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
      await app.db.transaction(async (tx) => {
        const ended = await revokeAccountSessions(tx, account.accountId);
        await recordAudit(tx, request, { action: 'auth.logout_all', objectType: 'account', objectId: account.accountId, after: { sessionsEnded: ended } });
      });
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
      const { currentPassword, newPassword } = request.body;
      const [row] = await app.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, account.accountId));
      if (!row || !(await verifyPassword(row.hash, currentPassword))) {
        throw new AppError(403, 'wrong_password', 'The current password is wrong');
      }
      const problem = passwordCheck(newPassword, account.username);
      if (problem) throw new AppError(400, 'password_too_weak', 'Choose a stronger password', problem.message, problem.reason);
      if (newPassword === currentPassword) {
        throw new AppError(400, 'password_too_weak', 'Choose a stronger password', 'Use a password you have not just used.', 'reused');
      }
      const hash = await hashPassword(newPassword);
      await app.db.transaction(async (tx) => {
        await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: false }).where(eq(accounts.id, account.accountId));
        const ended = await revokeAccountSessions(tx, account.accountId, account.sessionId);
        await recordAudit(tx, request, {
          action: 'account.password_changed',
          objectType: 'account',
          objectId: account.accountId,
          after: { otherSessionsEnded: ended },
        });
      });
      return reply.code(204).send(null);
    },
  );
};

export default accountRoutes;
