import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { schema } from '@campus/db';
import { createSession, SESSION_COOKIE } from '../server/src/accounts/sessions.ts';

/** A session for a demo account, made directly (no argon2 per call): for tests about permissions, not sign-in. */
export async function sessionFor(app: FastifyInstance, username: string): Promise<string> {
  const [account] = await app.db.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.username, username));
  if (!account) throw new Error(`no account ${username}`);
  const { token } = await createSession(app.db, account.id, { ip: '127.0.0.1', userAgent: 'test' }, app.config.auth);
  return token;
}

/** Same-site headers a browser would send with a cookie. */
export function asCookie(token: string): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${token}`, origin: 'http://localhost:3000', host: 'localhost:3000' };
}

export async function login(app: FastifyInstance, username: string, password = 'demo1234'): Promise<{ res: LightMyRequestResponse; token: string | null }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
    payload: { username, password },
  });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  return { res, token: cookie?.value ?? null };
}

/** inject() with a session cookie and a same-site Origin. */
export function injectAs(app: FastifyInstance, token: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...options, headers: { ...asCookie(token), ...(options.headers as Record<string, string> | undefined) } });
}
