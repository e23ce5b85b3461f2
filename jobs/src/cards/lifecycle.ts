import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, revokeCardDoors, systemAuditSource, type Db, type Tx } from '@campus/db';

/**
 * The card lifecycle steps no person takes: expiry at the end of validity, closing leavers'
 * accounts, and the replacement's balance reaching the new card. Each card in its own transaction
 * (a failure leaves the others done), each re-reading its row under lock, so a late or repeated run
 * changes nothing twice.
 */

async function recordSystemEvent(tx: Tx, cardId: number, type: 'expired' | 'closed' | 'balance_moved', note: string | null, at: Date) {
  await tx.execute(sql`insert into card_events (card_id, type, self_service, note, at) values (${cardId}, ${type}, false, ${note}, ${at.toISOString()})`);
}

/**
 * Expires one card whose validity has ended by `now`: status `expired`, every door revoked at that
 * moment. Returns false when there is nothing to do (extended, lost, replaced, already expired).
 */
export async function expireCard(db: Db, hallTz: string, cardId: number, now: Date): Promise<boolean> {
  const today = DateTime.fromJSDate(now, { zone: hallTz }).toISODate()!;
  return db.transaction(async (tx) => {
    const [card] = await tx.execute<{ id: number; card_no: string }>(sql`
      select id, card_no from cards where id = ${cardId} and status = 'active' and valid_until < ${today}::date for update`);
    if (!card) return false;
    await tx.execute(sql`update cards set status = 'expired' where id = ${cardId}`);
    const doors = await revokeCardDoors(tx, cardId, 'card_expired');
    await recordSystemEvent(tx, cardId, 'expired', null, now);
    await appendAudit(tx, systemAuditSource, {
      action: 'card.expired',
      objectType: 'card',
      objectId: cardId,
      before: { status: 'active' },
      after: { status: 'expired', cardNo: card.card_no, doorsRevoked: doors.length },
    });
    return true;
  });
}

/** Active cards past their validity (an expiry job lost with Redis, or cards seeded expired). */
export async function expireOverdueCards(db: Db, hallTz: string, now: Date): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: hallTz }).toISODate()!;
  const due = await db.execute<{ id: number }>(sql`select id from cards where status = 'active' and valid_until < ${today}::date order by id limit 500`);
  let n = 0;
  for (const c of due) if (await expireCard(db, hallTz, c.id, now)) n += 1;
  return n;
}

/**
 * Closes the cards of people who left: graduates 60 days after leaving, departing staff 30 (the
 * card type's `close_after_leaving_days`, 002 2.6). A closed card loses every door for good.
 */
export async function closeLeaversCards(db: Db, hallTz: string, now: Date): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: hallTz }).toISODate()!;
  const due = await db.execute<{ id: number }>(sql`
    select c.id from cards c
      join people p on p.id = c.person_id
      join card_types t on t.code = c.type_code
     where c.status in ('active', 'lost', 'expired')
       and p.status in ('graduated', 'departed') and p.left_on is not null
       and t.close_after_leaving_days is not null
       and p.left_on + t.close_after_leaving_days <= ${today}::date
     order by c.id limit 500`);
  let closed = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [card] = await tx.execute<{ status: string; card_no: string; left_on: string }>(sql`
        select c.status::text as status, c.card_no, p.left_on::text as left_on from cards c join people p on p.id = c.person_id
         where c.id = ${id} and c.status in ('active', 'lost', 'expired') for update of c`);
      if (!card) return false;
      await tx.execute(sql`update cards set status = 'closed', closed_at = ${now.toISOString()} where id = ${id}`);
      const doors = await revokeCardDoors(tx, id, 'card_closed');
      await recordSystemEvent(tx, id, 'closed', null, now);
      await appendAudit(tx, systemAuditSource, {
        action: 'card.closed',
        objectType: 'card',
        objectId: id,
        before: { status: card.status },
        after: { status: 'closed', cardNo: card.card_no, leftOn: card.left_on, doorsRevoked: doors.length },
      });
      return true;
    });
    if (done) closed += 1;
  }
  return closed;
}

/** Replacements whose three days have passed: the old card's balance moves onto the new card. */
export async function moveDueBalances(db: Db, now: Date): Promise<number> {
  const due = await db.execute<{ id: number }>(sql`
    select id from card_replacements where balance_moved_at is null and balance_due_at <= ${now.toISOString()} order by id limit 500`);
  let moved = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [r] = await tx.execute<{ old_card_id: number; new_card_id: number; balance_fen: string }>(sql`
        select old_card_id, new_card_id, balance_fen from card_replacements where id = ${id} and balance_moved_at is null for update`);
      if (!r) return false;
      const amount = Number(r.balance_fen);
      await tx.execute(sql`update cards set balance_fen = balance_fen - ${amount} where id = ${r.old_card_id}`);
      await tx.execute(sql`update cards set balance_fen = balance_fen + ${amount} where id = ${r.new_card_id}`);
      await tx.execute(sql`update card_replacements set balance_moved_at = ${now.toISOString()} where id = ${id}`);
      await recordSystemEvent(tx, r.new_card_id, 'balance_moved', String(amount), now);
      await appendAudit(tx, systemAuditSource, {
        action: 'card.balance_moved',
        objectType: 'card',
        objectId: r.new_card_id,
        after: { fromCardId: r.old_card_id, amountFen: amount },
      });
      return true;
    });
    if (done) moved += 1;
  }
  return moved;
}

export interface CardSweepResult {
  expired: number;
  closed: number;
  balancesMoved: number;
  expiriesScheduled: number;
}
