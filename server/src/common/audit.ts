import type { FastifyRequest } from 'fastify';
import type { AuditActor, AuditSource } from '@campus/db';
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
