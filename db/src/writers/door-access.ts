import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';

/**
 * Door access, written in the caller's transaction: the one place that changes `lock_grants`.
 * The card lifecycle (report lost, unfreeze, replace, expire, close), the lock clerk's grants, a
 * dorm change and the bulk import all come through here, so every change bumps the (card, door)
 * version and leaves its controller command in the same transaction (`queueDoorCommands`), and no
 * command is lost or applied out of order.
 *
 * Grant states: `pending` (wanted, not yet acknowledged by the door's controller) → `granted`;
 * `revoke_pending` → `revoked`; `failed` after the last attempt. The version grows with each change
 * of the pair; a controller applies only a version newer than the one it holds.
 */

export type GrantReason =
  | 'clerk'
  | 'dorm_change'
  | 'building_access'
  | 'bulk_import'
  | 'card_replaced'
  | 'card_issued'
  | 'card_unfrozen'
  | 'validity_extended'
  | 'demo_seed';

export type RevokeReason =
  | 'clerk'
  | 'dorm_change'
  | 'card_lost'
  | 'card_replaced'
  | 'card_expired'
  | 'card_closed'
  | 'validity_end';

export interface GrantInput {
  cardId: number;
  doorId: number;
  reason: GrantReason;
  validFrom?: Date;
  /** Null or absent: open-ended (the card's own validity still applies). */
  validTo?: Date | null;
}

/** One (card, door) pair as it stands after a change: what its controller must be told. */
export interface DoorChange {
  grantId: number;
  cardId: number;
  doorId: number;
  version: number;
  /** 'grant' for pending, 'revoke' for revoke_pending. */
  command: 'grant' | 'revoke';
}

type ChangeRow = {
  grant_id: number;
  card_id: number;
  door_id: number;
  version: string | number;
  status: string;
};

function changes(rows: readonly ChangeRow[]): DoorChange[] {
  return rows.map((r) => ({
    grantId: Number(r.grant_id),
    cardId: Number(r.card_id),
    doorId: Number(r.door_id),
    version: Number(r.version),
    command: r.status === 'revoke_pending' ? 'revoke' : 'grant',
  }));
}

/** The channel the relay listens on; a commit that wrote commands wakes it at once. */
export const DOOR_COMMANDS_CHANNEL = 'door_commands';

/**
 * Leaves the controller commands for these changes in the transaction: one `door_commands` row per
 * change, joined to its door's controller and its card's number, at the grant's version. Older
 * commands of the same grants not yet acknowledged are marked superseded (the workers skip them; a
 * controller would refuse them anyway, their version being older). Doors without a controller get
 * no command. The relay in the workers moves the rows into BullMQ after commit.
 */
export async function queueDoorCommands(tx: Tx, changes: readonly DoorChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = JSON.stringify(changes.map((c) => ({ g: c.grantId, v: c.version, c: c.command })));
  await tx.execute(sql`
    with wanted as (
      select (x->>'g')::int as grant_id, (x->>'v')::int8 as version, x->>'c' as command
        from jsonb_array_elements(${rows}::jsonb) as x
    ), superseded as (
      update door_commands dc set status = 'superseded'
        from wanted w
       where dc.grant_id = w.grant_id and dc.version < w.version and dc.status in ('queued', 'sent')
    )
    insert into door_commands (grant_id, controller_id, command, card_no, door_code, valid_from, valid_to, version)
    select g.id, d.controller_id, w.command, c.card_no, d.code, g.valid_from, g.valid_to, w.version
      from wanted w
      join lock_grants g on g.id = w.grant_id
      join doors d on d.id = g.door_id
      join cards c on c.id = g.card_id
     where d.controller_id is not null
    on conflict (grant_id, version) do nothing`);
  await tx.execute(sql`select pg_notify(${DOOR_COMMANDS_CHANNEL}, '')`);
}

/** Grants doors to cards (insert, or re-grant a revoked pair with a newer version). */
export async function grantDoors(tx: Tx, inputs: readonly GrantInput[]): Promise<DoorChange[]> {
  if (inputs.length === 0) return [];
  const rows = JSON.stringify(
    inputs.map((g) => ({
      c: g.cardId,
      d: g.doorId,
      r: g.reason,
      f: (g.validFrom ?? new Date()).toISOString(),
      t: g.validTo ? g.validTo.toISOString() : null,
    })),
  );
  const result = await tx.execute<ChangeRow>(sql`
    insert into lock_grants (card_id, door_id, status, version, reason, valid_from, valid_to, revoke_reason, requested_at, attempts, last_error)
    select (x->>'c')::int, (x->>'d')::int, 'pending', 1, x->>'r', (x->>'f')::timestamptz, (x->>'t')::timestamptz, null, now(), 0, null
      from jsonb_array_elements(${rows}::jsonb) as x
    on conflict (card_id, door_id) do update
      set status = 'pending', version = lock_grants.version + 1, reason = excluded.reason,
          valid_from = excluded.valid_from, valid_to = excluded.valid_to, revoke_reason = null,
          requested_at = now(), attempts = 0, last_error = null
    returning id as grant_id, card_id, door_id, version, status`);
  const done = changes(result);
  await queueDoorCommands(tx, done);
  return done;
}

/** Revokes the given grants (already revoked ones are left alone). */
export async function revokeGrants(tx: Tx, grantIds: readonly number[], reason: RevokeReason): Promise<DoorChange[]> {
  if (grantIds.length === 0) return [];
  const result = await tx.execute<ChangeRow>(sql`
    update lock_grants set status = 'revoke_pending', version = version + 1, revoke_reason = ${reason},
           requested_at = now(), attempts = 0, last_error = null
     where id = any(${`{${grantIds.join(',')}}`}::int[]) and status not in ('revoke_pending', 'revoked')
    returning id as grant_id, card_id, door_id, version, status`);
  const done = changes(result);
  await queueDoorCommands(tx, done);
  return done;
}

/** Cuts every door of a card now: lost, expired, closed, or cancelled by a replacement. */
export async function revokeCardDoors(tx: Tx, cardId: number, reason: RevokeReason): Promise<DoorChange[]> {
  const result = await tx.execute<ChangeRow>(sql`
    update lock_grants set status = 'revoke_pending', version = version + 1, revoke_reason = ${reason},
           requested_at = now(), attempts = 0, last_error = null
     where card_id = ${cardId} and status not in ('revoke_pending', 'revoked')
    returning id as grant_id, card_id, door_id, version, status`);
  const done = changes(result);
  await queueDoorCommands(tx, done);
  return done;
}

/**
 * Gives back the doors a card lost for `because` (unfreeze after 'card_lost', a validity extended
 * after 'card_expired'), as long as each grant's own window has not ended.
 */
export async function restoreCardDoors(tx: Tx, cardId: number, because: RevokeReason, reason: GrantReason): Promise<DoorChange[]> {
  const result = await tx.execute<ChangeRow>(sql`
    update lock_grants set status = 'pending', version = version + 1, reason = ${reason}, revoke_reason = null,
           requested_at = now(), attempts = 0, last_error = null
     where card_id = ${cardId} and status in ('revoke_pending', 'revoked') and revoke_reason = ${because}
       and (valid_to is null or valid_to > now())
    returning id as grant_id, card_id, door_id, version, status`);
  const done = changes(result);
  await queueDoorCommands(tx, done);
  return done;
}

/**
 * A replacement card: every door the old card holds or held until it was reported lost moves to the
 * new card (granted there), and the old card's are revoked for good. Returns both sets of changes.
 */
export async function moveCardDoors(tx: Tx, fromCardId: number, toCardId: number): Promise<DoorChange[]> {
  const held = await tx.execute<{ door_id: number; valid_from: string; valid_to: string | null }>(sql`
    select door_id, valid_from::text, valid_to::text from lock_grants
     where card_id = ${fromCardId}
       and (status in ('pending', 'granted', 'failed') or (status in ('revoke_pending', 'revoked') and revoke_reason = 'card_lost'))
       and (valid_to is null or valid_to > now())`);
  const revoked = await revokeCardDoors(tx, fromCardId, 'card_replaced');
  const granted = await grantDoors(
    tx,
    held.map((h) => ({
      cardId: toCardId,
      doorId: Number(h.door_id),
      reason: 'card_replaced' as const,
      validFrom: new Date(h.valid_from),
      validTo: h.valid_to ? new Date(h.valid_to) : null,
    })),
  );
  return [...revoked, ...granted];
}

/**
 * A command that failed after its last attempt, tried again by hand: the grant goes back to
 * pending (or revoke_pending, when the failed command was a revoke) at a newer version, with a new
 * command. Returns the change, or null when the grant is not failed (nothing to retry).
 */
export async function retryFailedGrant(tx: Tx, grantId: number): Promise<DoorChange | null> {
  const result = await tx.execute<ChangeRow>(sql`
    update lock_grants set status = (case when revoke_reason is null then 'pending' else 'revoke_pending' end)::grant_status,
           version = version + 1, requested_at = now(), attempts = 0, last_error = null
     where id = ${grantId} and status = 'failed'
    returning id as grant_id, card_id, door_id, version, status`);
  const done = changes(result);
  await queueDoorCommands(tx, done);
  return done[0] ?? null;
}
