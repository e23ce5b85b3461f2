import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { auditLog } from '../schema/index.ts';

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
  /** The actor's role, or 'system' for the workers. */
  role: string | null;
  deviceId: number | null;
}

/** Who did it and from where; the workers have no address or request. */
export interface AuditSource {
  actor: AuditActor;
  ip?: string | null;
  requestId?: string | null;
}

/** The workers' actor. */
export const systemAuditSource: AuditSource = { actor: { accountId: null, role: 'system', deviceId: null } };

/**
 * Appends audit rows in the caller's transaction, so the record and the change commit together.
 * The table refuses updates and deletes.
 */
export async function appendAudit(db: Db | Tx, source: AuditSource, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  // Chunked: a statement takes at most 65,535 parameters.
  for (let i = 0; i < list.length; i += CHUNK) {
    await db.insert(auditLog).values(list.slice(i, i + CHUNK).map((entry) => ({
      actorAccountId: source.actor.accountId,
      actorRole: source.actor.role,
      deviceId: source.actor.deviceId,
      ip: source.ip ?? null,
      requestId: source.requestId ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })));
  }
}

const CHUNK = 1000;

/**
 * `appendAudit` of one entry as a data-modifying statement, for a writer that must say in the
 * audit row what only its own statement knows (a new ticket's number): `from` names the rows the
 * statement made, `objectId` and `after` are SQL over them (`after` a jsonb merged onto
 * `entry.after`). Used as a CTE: `audit as (${auditInsertSql(…)})`.
 */
export function auditInsertSql(source: AuditSource, entry: Omit<AuditEntry, 'objectId'>, from: SQL, objectId: SQL, after: SQL): SQL {
  return sql`insert into audit_log (actor_account_id, actor_role, device_id, ip, request_id, action, object_type, object_id, before, after)
    select ${source.actor.accountId}::int, ${source.actor.role}::text, ${source.actor.deviceId}::int, ${source.ip ?? null}::text, ${source.requestId ?? null}::text,
      ${entry.action}, ${entry.objectType}, (${objectId})::text, ${entry.before ? JSON.stringify(entry.before) : null}::jsonb,
      ${JSON.stringify(entry.after ?? {})}::jsonb || (${after})
    from ${from}`;
}
