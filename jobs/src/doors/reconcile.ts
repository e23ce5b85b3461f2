import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { CommandAck, CommandBody, ListAck } from './protocol.ts';
import { recordAcks, type Acked } from './record.ts';
import { postSigned, type ControllerTarget } from './transport.ts';

type Intended = {
  grant_id: number;
  card_no: string;
  door_code: string;
  version: string;
  status: string;
  present: boolean;
  valid_from: string;
  valid_to: string | null;
};

export interface ReconcileResult {
  controller: string;
  /** Pairs where the controller differs from what it acknowledged (or holds a card the database does not know). */
  drift: number;
  /** Pushes made to bring it in line (in-flight changes included). */
  pushed: number;
  /** Grants whose acknowledgement was lost, recorded from the list. */
  confirmed: number;
}

const PARALLEL = 8;

/**
 * Reads the controller's list, compares it with what the database intends for its doors, and
 * pushes the difference at the database's versions (a card the database does not know is revoked
 * one version above the one the controller holds). Drift is counted only where the grant's state
 * says the controller had acknowledged it: a push still in flight is not drift.
 */
export async function reconcileController(db: Db, target: ControllerTarget, timeoutMs: number): Promise<ReconcileResult> {
  const list = await postSigned<ListAck>(target, { command: 'list' }, timeoutMs);
  const intended = await db.execute<Intended>(sql`
    select g.id as grant_id, c.card_no, d.code as door_code, g.version::text, g.status,
           g.revoke_reason is null as present,
           to_char(g.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as valid_from,
           to_char(g.valid_to at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as valid_to
      from lock_grants g join doors d on d.id = g.door_id join cards c on c.id = g.card_id
     where d.controller_id = ${target.id}`);
  const held = new Map(list.entries.map((e) => [`${e.cardNumber}\u0000${e.door}`, e]));
  const pushes: { body: CommandBody; acked?: Omit<Acked, 'version' | 'command'> }[] = [];
  const confirmed: Acked[] = [];
  let drift = 0;
  for (const row of intended) {
    const key = `${row.card_no}\u0000${row.door_code}`;
    const entry = held.get(key);
    held.delete(key);
    const version = Number(row.version);
    const command = row.present ? 'grant' : 'revoke';
    const holds = entry?.present ?? false;
    const settled = ['granted', 'revoked', 'failed'].includes(row.status);
    if (holds === row.present && (entry?.version ?? 0) >= version) {
      if (!settled) confirmed.push({ grantId: Number(row.grant_id), version, command, controllerId: target.id });
      continue;
    }
    if (holds === row.present && !row.present) continue; // absent either way
    if (holds !== row.present && settled) drift++;
    if ((entry?.version ?? 0) >= version) continue; // the controller holds a version this database never sent: leave it, counted
    pushes.push({
      body: { command, cardNumber: row.card_no, doors: [row.door_code], validFrom: row.valid_from, validTo: row.valid_to, version },
      acked: { grantId: Number(row.grant_id), controllerId: target.id },
    });
  }
  for (const stray of held.values()) {
    if (!stray.present) continue;
    drift++;
    pushes.push({
      body: { command: 'revoke', cardNumber: stray.cardNumber, doors: [stray.door], validFrom: new Date().toISOString(), validTo: null, version: stray.version + 1 },
    });
  }

  const acks: Acked[] = [...confirmed];
  let next = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, pushes.length) }, async () => {
      while (next < pushes.length) {
        const p = pushes[next++]!;
        try {
          const ack = await postSigned<CommandAck>(target, p.body, timeoutMs);
          if (p.acked) acks.push({ ...p.acked, version: ack.version, command: ack.command });
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    }),
  );
  await recordAcks(db, acks);
  await db.execute(sql`
    update controllers set last_reconciled_at = now(), drift_last = ${drift}, drift_total = drift_total + ${drift},
           last_seen_at = now()
     where id = ${target.id}`);
  if (errors.length > 0) throw new Error(`reconciliation of ${target.code}: ${errors.length} of ${pushes.length} pushes failed (${errors[0]})`);
  return { controller: target.code, drift, pushed: pushes.length, confirmed: confirmed.length };
}
