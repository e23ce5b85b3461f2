import type { FastifyRequest } from 'fastify';
import { schema, type Db, type Tx } from '@campus/db';
import { primaryRole, type Actor } from './access.ts';

export interface AuditEntry {
  /** Dotted verb: 'auth.login', 'account.password_reset', 'device.revoked'. */
  action: string;
  objectType: string;
  objectId?: string | number | null;
  /** Summaries only: never passwords, tokens or hashes. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditActor {
  accountId: number | null;
  role: string | null;
  deviceId: number | null;
}

export function auditActor(actor: Actor): AuditActor {
  return {
    accountId: actor.kind === 'account' ? actor.accountId : null,
    role: primaryRole(actor),
    deviceId: actor.kind === 'device' ? actor.deviceId : null,
  };
}

/** Who did it and from where, as code away from the HTTP layer carries it. */
export interface AuditSource {
  actor: AuditActor;
  ip: string;
  requestId: string;
}

/**
 * Appends one audit row in the caller's transaction, so the record and the change commit together.
 * The table refuses updates and deletes.
 */
export async function appendAudit(db: Db | Tx, source: AuditSource, entry: AuditEntry): Promise<void> {
  await db.insert(schema.auditLog).values({
    actorAccountId: source.actor.accountId,
    actorRole: source.actor.role,
    deviceId: source.actor.deviceId,
    ip: source.ip,
    requestId: source.requestId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** appendAudit for a request; `as` names the actor when the request has none yet (sign-in). */
export function recordAudit(
  db: Db | Tx,
  request: Pick<FastifyRequest, 'ip' | 'id' | 'actor'>,
  entry: AuditEntry,
  as: AuditActor = auditActor(request.actor),
): Promise<void> {
  return appendAudit(db, { actor: as, ip: request.ip, requestId: String(request.id) }, entry);
}
