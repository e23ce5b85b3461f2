import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { hashToken, newToken, schema, type Db, type Tx } from '@campus/db';
import type { Actor, DeviceKind, Role } from '../common/access.ts';

const { authSessions, devices } = schema;

export const SESSION_COOKIE = 'cd_session';

export interface SessionSettings {
  sessionHours: number;
  sessionIdleMinutes: number;
}

/** A new session: the cookie carries a random token, the table only its hash. */
export async function createSession(
  db: Db | Tx,
  accountId: number,
  client: { ip: string; userAgent: string | undefined },
  settings: SessionSettings,
): Promise<{ token: string; id: number; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + settings.sessionHours * 3600_000);
  const [row] = await db
    .insert(authSessions)
    .values({ tokenHash: hashToken(token), accountId, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null })
    .returning({ id: authSessions.id });
  return { token, id: row!.id, expiresAt };
}

interface SessionRow extends Record<string, unknown> {
  session_id: number;
  account_id: number;
  person_id: number | null;
  username: string;
  must_change_password: boolean;
  live: boolean;
  stale_seen: boolean;
  roles: Role[];
  window_ids: number[];
}

/**
 * The account behind a session token, or an anonymous actor that knows whether a cookie was
 * presented but no longer works (expired, signed out elsewhere, account disabled).
 */
export async function actorFromSession(db: Db, token: string, settings: SessionSettings): Promise<Actor> {
  const rows = await db.execute<SessionRow>(sql`
    select s.id as session_id, a.id as account_id, a.person_id, a.username, a.must_change_password,
      (s.revoked_at is null and s.expires_at > now() and not a.disabled
        and s.last_seen_at > now() - make_interval(mins => ${settings.sessionIdleMinutes})) as live,
      s.last_seen_at < now() - interval '1 minute' as stale_seen,
      array(select r.role::text from account_roles r where r.account_id = a.id) as roles,
      array(select cw.window_id from clerk_windows cw where cw.account_id = a.id order by cw.window_id) as window_ids
    from auth_sessions s join accounts a on a.id = s.account_id
    where s.token_hash = ${hashToken(token)}`);
  const row = rows[0];
  if (!row || !row.live) return { kind: 'anonymous', expiredSession: true };
  if (row.stale_seen) {
    // Idle tracking needs minute precision only; skip the write on most requests.
    await db.update(authSessions).set({ lastSeenAt: new Date() }).where(eq(authSessions.id, row.session_id));
  }
  return {
    kind: 'account',
    accountId: row.account_id,
    personId: row.person_id,
    username: row.username,
    roles: new Set(row.roles),
    windowIds: row.window_ids,
    mustChangePassword: row.must_change_password,
    sessionId: row.session_id,
  };
}

/** Devices are looked up on every request, so a revoked token stops working at once in every process. */
export async function actorFromDeviceToken(db: Db, token: string): Promise<Actor | null> {
  const [device] = await db
    .select({ id: devices.id, kind: devices.kind, name: devices.name, lastSeenAt: devices.lastSeenAt })
    .from(devices)
    .where(and(eq(devices.tokenHash, hashToken(token)), isNull(devices.revokedAt)));
  if (!device) return null;
  if (!device.lastSeenAt || Date.now() - device.lastSeenAt.getTime() > 60_000) {
    await db.update(devices).set({ lastSeenAt: new Date() }).where(eq(devices.id, device.id));
  }
  return { kind: 'device', deviceId: device.id, deviceKind: device.kind as DeviceKind, name: device.name };
}

export async function revokeSession(db: Db | Tx, sessionId: number): Promise<void> {
  await db.update(authSessions).set({ revokedAt: new Date() }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Ends every live session of an account, optionally keeping one (the one changing the password). */
export async function revokeAccountSessions(db: Db | Tx, accountId: number, keepSessionId?: number): Promise<number> {
  const ended = await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(authSessions.accountId, accountId),
        isNull(authSessions.revokedAt),
        keepSessionId === undefined ? undefined : ne(authSessions.id, keepSessionId),
      ),
    )
    .returning({ id: authSessions.id });
  return ended.length;
}
