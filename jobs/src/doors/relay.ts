import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { Queue } from 'bullmq';
import { DOOR_PRIORITY, doorPushJobId, type DoorPush } from '../queues.ts';

export const RELAY_BATCH = 1000;

type Row = {
  id: string;
  grant_id: number;
  controller_id: number;
  code: string;
  command: 'grant' | 'revoke';
  card_no: string;
  door_code: string;
  valid_from: string;
  valid_to: string | null;
  version: string;
  status: string;
};

export interface RelayQueues {
  /** The controller's own queue (created on first use). */
  controller(code: string): Queue;
  /** The `doors` queue, for the validity-end revokes. */
  doors: Queue;
}

export interface RelayOptions {
  attempts: number;
  /** Completed and failed pushes kept for the admin's queue view. */
  keep: number;
}

/**
 * Moves one batch of unrelayed outbox rows into BullMQ, then marks them relayed, in one transaction:
 * if Redis refuses, the transaction rolls back and the rows wait for the next try. Job ids are
 * deterministic, so a batch added twice (a crash between add and commit) is added once. Rows
 * locked by another relay are skipped. Returns how many rows it took.
 */
export async function relayDoorCommands(db: Db, queues: RelayQueues, opts: RelayOptions, now = Date.now()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<Row>(sql`
      select dc.id::text, dc.grant_id, dc.controller_id, c.code, dc.command, dc.card_no, dc.door_code,
             to_char(dc.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as valid_from,
             to_char(dc.valid_to at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as valid_to,
             dc.version::text, dc.status
        from door_commands dc join controllers c on c.id = dc.controller_id
       where dc.relayed_at is null
       order by dc.id
       limit ${RELAY_BATCH}
       for update of dc skip locked`);
    if (rows.length === 0) return 0;
    const byController = new Map<string, Row[]>();
    for (const r of rows) {
      if (r.status === 'superseded') continue;
      byController.set(r.code, [...(byController.get(r.code) ?? []), r]);
    }
    const adds: Promise<unknown>[] = [];
    for (const [code, list] of byController) {
      adds.push(
        queues.controller(code).addBulk(
          list.map((r) => {
            const data: DoorPush = {
              commandId: Number(r.id),
              grantId: Number(r.grant_id),
              controllerId: Number(r.controller_id),
              command: r.command,
              cardNumber: r.card_no,
              door: r.door_code,
              validFrom: r.valid_from,
              validTo: r.valid_to,
              version: Number(r.version),
            };
            return {
              name: 'push',
              data,
              opts: {
                jobId: doorPushJobId(data, code),
                priority: DOOR_PRIORITY[r.command],
                attempts: opts.attempts,
                backoff: { type: 'door' },
                removeOnComplete: opts.keep,
                removeOnFail: opts.keep,
              },
            };
          }),
        ),
      );
    }
    const expiring = rows.filter((r) => r.command === 'grant' && r.status !== 'superseded' && r.valid_to !== null);
    if (expiring.length > 0) {
      adds.push(
        queues.doors.addBulk(
          expiring.map((r) => ({
            name: 'grant.expire',
            data: { grantId: Number(r.grant_id), version: Number(r.version) },
            opts: {
              jobId: `expire.${r.grant_id}.v${r.version}`,
              delay: Math.max(0, new Date(r.valid_to!).getTime() - now),
              removeOnComplete: opts.keep,
              removeOnFail: opts.keep,
            },
          })),
        ),
      );
    }
    await Promise.all(adds);
    await tx.execute(sql`update door_commands set relayed_at = now() where id = any(${`{${rows.map((r) => r.id).join(',')}}`}::int8[])`);
    return rows.length;
  });
}
