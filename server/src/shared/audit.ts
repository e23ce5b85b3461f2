import type { FastifyRequest } from 'fastify';
import { appendAudit, type AuditActor, type AuditEntry, type AuditSource, type Db, type Tx } from '@campus/db';
import { primaryRole, type Actor } from './access.ts';


export function auditActor(actor: Actor): AuditActor {
  return {
    accountId: actor.kind === 'account' ? actor.accountId : null,
    role: primaryRole(actor),
    deviceId: actor.kind === 'device' ? actor.deviceId : null,
  };
}

/** Who made a request and from where, as the actions below the routes record it. */
export function auditSourceOf(request: Pick<FastifyRequest, 'ip' | 'id' | 'actor'>, as: AuditActor = auditActor(request.actor)): AuditSource {
  return { actor: as, ip: request.ip, requestId: String(request.id) };
}

/** appendAudit for a request; `as` names the actor when the request has none yet (sign-in). */
export function recordAudit(
  db: Db | Tx,
  request: Pick<FastifyRequest, 'ip' | 'id' | 'actor'>,
  entry: AuditEntry,
  as: AuditActor = auditActor(request.actor),
): Promise<void> {
  return appendAudit(db, auditSourceOf(request, as), entry);
}
