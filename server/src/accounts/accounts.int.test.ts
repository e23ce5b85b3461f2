import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, login, sessionFor } from '../../../test-support/auth.ts';

const ctx = useTestApp();

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns who I am', async () => {
    const { res, token } = await login(ctx.app, 'clerk08');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(res.json()).toMatchObject({ username: 'clerk08', roles: ['clerk', 'staff'], windows: [{ number: 8 }] });
    const me = await injectAs(ctx.app, token!, { url: '/api/me' });
    expect(me.json()).toMatchObject({ username: 'clerk08', mustChangePassword: false });
    // Only the token's hash is stored.
    const stored = await ctx.app.pg.sql`select count(*)::int as n from auth_sessions where token_hash = ${token!}`;
    expect(stored[0]!.n).toBe(0);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'S0003', password: 'demo1234' },
    });
    // Without TRUST_PROXY the header is ignored; the plain request stays non-Secure.
    expect(res.cookies.find((c) => c.name === 'cd_session')!.secure).toBeFalsy();
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await login(ctx.app, 'S0002', 'not-the-password');
    const unknown = await login(ctx.app, 'S9999', 'not-the-password');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json().code).toBe('invalid_credentials');
    expect(unknown.res.json().code).toBe('invalid_credentials');
    expect(wrong.token).toBeNull();
  });

  it('refuses anonymous access with 401 unauthenticated and a stale cookie with session_expired', async () => {
    expect((await ctx.app.inject('/api/me')).json().code).toBe('unauthenticated');
    const stale = await ctx.app.inject({ url: '/api/me', headers: { cookie: 'cd_session=made-up-token' } });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('session_expired');
  });

  it('answers GET /api/session with 200 for visitors too, saying whether a cookie expired', async () => {
    expect((await ctx.app.inject('/api/session')).json()).toEqual({ account: null, expired: false });
    const stale = await ctx.app.inject({ url: '/api/session', headers: { cookie: 'cd_session=gone' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ account: null, expired: true });
    const token = await sessionFor(ctx.app, 'S0014');
    expect((await injectAs(ctx.app, token, { url: '/api/session' })).json().account).toMatchObject({ username: 'S0014' });
  });

  it('ends sessions after the idle timeout', async () => {
    const token = await sessionFor(ctx.app, 'S0004');
    await ctx.app.pg.sql`update auth_sessions set last_seen_at = now() - interval '3 hours' where account_id = (select id from accounts where username = 'S0004')`;
    expect((await injectAs(ctx.app, token, { url: '/api/me' })).json().code).toBe('session_expired');
  });
});

describe('sign-out', () => {
  it('ends this session only', async () => {
    const a = await sessionFor(ctx.app, 'S0005');
    const b = await sessionFor(ctx.app, 'S0005');
    const out = await injectAs(ctx.app, a, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await injectAs(ctx.app, a, { url: '/api/me' })).statusCode).toBe(401);
    expect((await injectAs(ctx.app, b, { url: '/api/me' })).statusCode).toBe(200);
  });

  it('signs out everywhere', async () => {
    const a = await sessionFor(ctx.app, 'S0006');
    const b = await sessionFor(ctx.app, 'S0006');
    expect((await injectAs(ctx.app, a, { method: 'POST', url: '/api/auth/logout-all' })).statusCode).toBe(204);
    expect((await injectAs(ctx.app, a, { url: '/api/me' })).json().code).toBe('session_expired');
    expect((await injectAs(ctx.app, b, { url: '/api/me' })).json().code).toBe('session_expired');
  });
});

describe('password change and admin reset', () => {
  it('refuses a wrong current password and weak new ones', async () => {
    const token = await sessionFor(ctx.app, 'S0007');
    const wrong = await injectAs(ctx.app, token, { method: 'POST', url: '/api/me/password', payload: { currentPassword: 'nope', newPassword: 'a-good-long-one' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('wrong_password');
    const weak = await injectAs(ctx.app, token, { method: 'POST', url: '/api/me/password', payload: { currentPassword: 'demo1234', newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'password_too_weak', reason: 'too_short', detail: expect.stringContaining('8') });
  });

  it('forces a change after an admin reset, and the new password works', async () => {
    const admin = await sessionFor(ctx.app, 'admin');
    const studentSession = await sessionFor(ctx.app, 'S0008');
    const [{ id }] = (await ctx.app.pg.sql`select id from accounts where username = 'S0008'`) as unknown as [{ id: number }];
    const reset = await injectAs(ctx.app, admin, { method: 'POST', url: `/api/admin/accounts/${id}/reset-password` });
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
    // The reset ends the person's sessions.
    expect((await injectAs(ctx.app, studentSession, { url: '/api/me' })).statusCode).toBe(401);

    const { res, token } = await login(ctx.app, 'S0008', temporary);
    expect(res.json().mustChangePassword).toBe(true);
    const blocked = await injectAs(ctx.app, token!, { url: '/api/me/cards' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    const changed = await injectAs(ctx.app, token!, {
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: temporary, newPassword: 'library-third-floor' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await injectAs(ctx.app, token!, { url: '/api/me/cards' })).statusCode).toBe(200);
    expect((await login(ctx.app, 'S0008', 'library-third-floor')).res.statusCode).toBe(200);

    const audit = await ctx.app.pg.sql`select action, actor_role from audit_log where object_type = 'account' and object_id = ${String(id)} order by id`;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.password_reset', 'auth.login', 'account.password_changed']));
    expect(audit.find((a) => a.action === 'account.password_reset')!.actor_role).toBe('admin');
  });
});

describe('cross-site requests', () => {
  it('refuses cookie-authenticated changes from another origin or with no origin at all', async () => {
    const token = await sessionFor(ctx.app, 'S0009');
    const evil = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: { cookie: `cd_session=${token}`, origin: 'https://evil.example', host: 'localhost:3000' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('cross_site_request');
    const bare = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { cookie: `cd_session=${token}` } });
    expect(bare.json().code).toBe('cross_site_request');
    // Nothing happened: the session still works.
    expect((await injectAs(ctx.app, token, { url: '/api/me' })).statusCode).toBe(200);
    const referer = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `cd_session=${token}`, referer: 'http://localhost:3000/account', host: 'localhost:3000' },
    });
    expect(referer.statusCode).toBe(204);
  });
});

describe('what a student may see', () => {
  it('reads its own card and gets 404 for another student’s card', async () => {
    const mine = await sessionFor(ctx.app, 'S0010');
    const cards = (await injectAs(ctx.app, mine, { url: '/api/me/cards' })).json().items as { id: number; cardNo: string }[];
    expect(cards).toHaveLength(1);
    expect((await injectAs(ctx.app, mine, { url: `/api/cards/${cards[0]!.id}` })).statusCode).toBe(200);
    const [other] = await ctx.app.pg.sql`select c.id from cards c join people p on p.id = c.person_id where p.number = 'S0011'`;
    const res = await injectAs(ctx.app, mine, { url: `/api/cards/${other!.id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('card_not_found');
    // A card clerk sees any card.
    const clerk = await sessionFor(ctx.app, 'clerk21');
    expect((await injectAs(ctx.app, clerk, { url: `/api/cards/${other!.id}` })).statusCode).toBe(200);
  });

  it('cannot read or mark another account’s notification', async () => {
    const [{ id: otherAccount }] = (await ctx.app.pg.sql`select id from accounts where username = 'S0013'`) as unknown as [{ id: number }];
    const [{ id: note }] = (await ctx.app.pg.sql`insert into notifications (account_id, kind, payload) values (${otherAccount}, 'test', '{}') returning id`) as unknown as [{ id: number }];
    const mine = await sessionFor(ctx.app, 'S0012');
    expect((await injectAs(ctx.app, mine, { url: '/api/me/notifications' })).json().items).toEqual([]);
    const res = await injectAs(ctx.app, mine, { method: 'POST', url: `/api/me/notifications/${note}/read` });
    expect(res.statusCode).toBe(404);
    const [row] = await ctx.app.pg.sql`select read_at from notifications where id = ${note}`;
    expect(row!.read_at).toBeNull();
  });
});

describe('security headers', () => {
  it('sends pages a CSP the UIs work under, and API answers the short one of a JSON API', async () => {
    const page = await ctx.app.inject('/desk');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const api = await ctx.app.inject('/api/health');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('DENY');
  });
});
