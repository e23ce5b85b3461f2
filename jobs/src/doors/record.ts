import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';

/**
 * What the workers write back: a command sent, acknowledged or failed. The grant row changes only
 * while its version is the one acknowledged: a late ack of an older push changes nothing.
 */

/**
 * Marks commands sent, one statement for many; for each, false when a newer version of its grant
 * exists (nothing to push: it is marked superseded instead).
 */
export async function markSent(db: Db, commandIds: readonly number[]): Promise<boolean[]> {
  if (commandIds.length === 0) return [];
  const rows = await db.execute<{ id: string; status: string }>(sql`
    update door_commands dc
       set status = case when g.version > dc.version then 'superseded' else 'sent' end,
           sent_at = now(), attempts = dc.attempts + 1
      from lock_grants g
     where dc.id = any(${`{${commandIds.join(',')}}`}::int8[]) and g.id = dc.grant_id and dc.status in ('queued', 'sent', 'failed')
    returning dc.id::text, dc.status`);
  const sent = new Map(rows.map((r) => [Number(r.id), r.status === 'sent']));
  return commandIds.map((id) => sent.get(id) ?? false);
}

export interface Acked {
  grantId: number;
  version: number;
  command: 'grant' | 'revoke';
  controllerId: number;
  commandId?: number;
  attempts?: number;
}

/** Records acknowledgements in one statement; returns how many grants moved to granted/revoked. */
export async function recordAcks(db: Db, acks: readonly Acked[]): Promise<number> {
  if (acks.length === 0) return 0;
  const rows = JSON.stringify(acks.map((a) => ({ g: a.grantId, v: a.version, c: a.command, k: a.controllerId, i: a.commandId ?? null, n: a.attempts ?? null })));
  const [result] = await db.execute<{ moved: number }>(sql`
    with acked as (
      select (x->>'g')::int as grant_id, (x->>'v')::int8 as version, x->>'c' as command,
             (x->>'k')::int as controller_id, (x->>'i')::int8 as command_id, (x->>'n')::int as attempts
        from jsonb_array_elements(${rows}::jsonb) as x
    ), commands as (
      update door_commands dc set status = 'acked', acked_at = now(), sent_at = coalesce(dc.sent_at, now()), last_error = null
        from acked a
       where dc.grant_id = a.grant_id and dc.version = a.version and dc.status <> 'acked'
    ), controller as (
      update controllers c set last_seen_at = now()
       where c.id in (select controller_id from acked)
         and (c.last_seen_at is null or c.last_seen_at < now() - interval '1 second')
    ), moved as (
      update lock_grants g
         set status = (case when a.command = 'grant' then 'granted' else 'revoked' end)::grant_status,
             applied_at = now(), last_error = null, attempts = coalesce(a.attempts, g.attempts)
        from acked a
       where g.id = a.grant_id and g.version = a.version and g.status <> 'granted' and g.status <> 'revoked'
      returning g.id
    )
    select count(*)::int as moved from moved`);
  return Number(result?.moved ?? 0);
}

/** A push failed: the command and the controller say why (the grant keeps waiting for a retry). */
export async function recordPushError(db: Db, p: { commandId: number; controllerId: number; error: string }): Promise<void> {
  await db.execute(sql`
    with c as (update door_commands set last_error = ${p.error} where id = ${p.commandId})
    update controllers set last_error = ${p.error}, last_error_at = now() where id = ${p.controllerId}`);
}

/** The last attempt failed: the grant is `failed` (retryable by hand) if it is still at this version. */
export async function recordFailed(db: Db, p: { commandId: number; grantId: number; version: number; error: string; attempts: number }): Promise<void> {
  await db.execute(sql`
    with c as (update door_commands set status = 'failed', last_error = ${p.error} where id = ${p.commandId} and status <> 'acked')
    update lock_grants set status = 'failed', last_error = ${p.error}, attempts = ${p.attempts}
     where id = ${p.grantId} and version = ${p.version} and status in ('pending', 'revoke_pending')`);
}
