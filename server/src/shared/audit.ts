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

/**
 * Appends one audit row in the caller's transaction, so the record and the change commit together.
 * The table refuses updates and deletes. `as` names the actor when the request has none yet (sign-in).
 */
export async function recordAudit(
  db: Db | Tx,
  request: Pick<FastifyRequest, 'ip' | 'id' | 'actor'>,
  entry: AuditEntry,
  as: AuditActor = auditActor(request.actor),
): Promise<void> {
  await db.insert(schema.auditLog).values({
    actorAccountId: as.accountId,
    actorRole: as.role,
    deviceId: as.deviceId,
    ip: request.ip,
    requestId: String(request.id),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
