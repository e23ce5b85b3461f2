import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, moveCardDoors, restoreCardDoors, revokeCardDoors, type AuditSource, type Db, type Tx } from '@campus/db';
import { AppError } from '../common/problem.ts';
import { assertMayAct, type CardActor } from './actor.ts';
import { BALANCE_TRANSFER_DAYS, DEFAULT_REPLACEMENT_FEE_FEN, FREE_FAULTY_MONTHS, SELF_SERVICE_LOST_PER_SEMESTER, semesterOf } from './semester.ts';

/**
 * The card lifecycle a person starts: report lost, unfreeze, replace, extend validity. Each is one
 * transaction holding the card's row lock, so two clerks on one card queue up and the second sees
 * what the first did; the door changes, the card's history and the audit row commit with it.
 */

export type CardEventType = 'reported_lost' | 'unfrozen' | 'replaced' | 'issued' | 'extended' | 'info_confirmed' | 'info_flagged' | 'info_requested' | 'made' | 'ready_for_pickup' | 'collected';

export type LockedCard = {
  id: number;
  card_no: string;
  person_id: number;
  type_code: string;
  status: 'active' | 'lost' | 'replaced' | 'expired' | 'closed';
  issued_at: Date;
  valid_until: string | null;
  balance_fen: string;
  production_status: string | null;
  fee_fen: number;
  identity: boolean;
};

export async function lockCard(tx: Tx, who: CardActor, cardId: number): Promise<LockedCard> {
  const [card] = await tx.execute<LockedCard>(sql`
    select c.id, c.card_no, c.person_id, c.type_code::text as type_code, c.status::text as status, c.issued_at, c.valid_until::text as valid_until,
           c.balance_fen, c.production_status::text as production_status, t.fee_fen, t.identity
      from cards c join card_types t on t.code = c.type_code where c.id = ${cardId} for update of c`);
  if (!card) throw new AppError(404, 'card_not_found', 'card not found');
  assertMayAct(who, card.person_id);
  return card;
}

export async function recordCardEvent(tx: Tx, cardId: number, who: CardActor, type: CardEventType, extra: { feeFen?: number; note?: string | null } = {}) {
  await tx.execute(sql`insert into card_events (card_id, type, self_service, actor_account_id, fee_fen, note)
    values (${cardId}, ${type}, ${!who.clerk}, ${who.accountId}, ${extra.feeFen ?? 0}, ${extra.note ?? null})`);
}

/** Self-service report-lost left to the person this semester (a clerk's reports do not count). */
export async function selfServiceLostLeft(db: Db | Tx, personId: number, hallTz: string, now: Date): Promise<number> {
  const { start, end } = semesterOf(now, hallTz);
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from card_events e join cards c on c.id = e.card_id
     where c.person_id = ${personId} and e.type = 'reported_lost' and e.self_service
       and e.at >= ${start.toISOString()} and e.at < ${end.toISOString()}`);
  return Math.max(0, SELF_SERVICE_LOST_PER_SEMESTER - (row?.n ?? 0));
}

const statusConflict = (card: LockedCard, action: string): AppError => {
  if (card.status === 'replaced') return new AppError(409, 'card_replaced', 'This card has been replaced by a new one', `Cannot ${action}: a replacement has been issued`);
  if (card.status === 'closed') return new AppError(409, 'card_closed', 'This card account is closed', `Cannot ${action} a closed card`);
  if (card.status === 'expired') return new AppError(409, 'card_expired', 'This card has expired', `Cannot ${action} an expired card; extend its validity first`);
  if (card.status === 'lost') return new AppError(409, 'card_already_lost', 'This card is already reported lost');
  return new AppError(409, 'card_not_lost', 'This card is not reported lost');
};

export interface ReportLostResult {
  cardId: number;
  doorsRevoked: number;
}

/** Cuts the card at once: status lost, every door revoked in the same transaction (002, 2.7.2). */
export async function reportLost(db: Db, source: AuditSource, who: CardActor, cardId: number, hallTz: string): Promise<ReportLostResult> {
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.status !== 'active') throw statusConflict(card, 'report lost');
    if (!who.clerk && (await selfServiceLostLeft(tx, card.person_id, hallTz, new Date())) === 0) {
      throw new AppError(
        409,
        'self_service_lost_limit',
        'Self-service report-lost is used up for this semester',
        `At most ${SELF_SERVICE_LOST_PER_SEMESTER} self-service reports a semester; a card-center clerk (windows 20–23) can report it lost`,
      );
    }
    await tx.execute(sql`update cards set status = 'lost', lost_at = now() where id = ${cardId}`);
    const doors = await revokeCardDoors(tx, cardId, 'card_lost');
    await recordCardEvent(tx, cardId, who, 'reported_lost');
    await appendAudit(tx, source, {
      action: 'card.reported_lost',
      objectType: 'card',
      objectId: cardId,
      before: { status: 'active' },
      after: { status: 'lost', cardNo: card.card_no, selfService: !who.clerk, doorsRevoked: doors.length },
    });
    return { cardId, doorsRevoked: doors.length };
  });
}

/** A found card works again, only while no replacement has been issued (002, 2.7.3). */
export async function unfreeze(db: Db, source: AuditSource, who: CardActor, cardId: number, hallTz: string) {
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.status !== 'lost') throw statusConflict(card, 'unfreeze');
    const today = DateTime.now().setZone(hallTz).toISODate()!;
    if (card.valid_until !== null && card.valid_until < today) {
      throw new AppError(409, 'card_validity_ended', 'The card’s validity has ended', 'A card clerk must extend its validity first');
    }
    await tx.execute(sql`update cards set status = 'active', lost_at = null where id = ${cardId}`);
    const doors = await restoreCardDoors(tx, cardId, 'card_lost', 'card_unfrozen');
    await recordCardEvent(tx, cardId, who, 'unfrozen');
    await appendAudit(tx, source, {
      action: 'card.unfrozen',
      objectType: 'card',
      objectId: cardId,
      before: { status: 'lost' },
      after: { status: 'active', cardNo: card.card_no, selfService: !who.clerk, doorsRestored: doors.length },
    });
    return { cardId, doorsRestored: doors.length };
  });
}

export type ReplaceReason = 'lost' | 'damaged' | 'faulty';

export interface Replacement {
  oldCardId: number;
  oldCardNo: string;
  newCardId: number;
  newCardNo: string;
  reason: ReplaceReason;
  feeFen: number;
  balanceFen: number;
  balanceDueAt: string;
  doorsMoved: number;
  at: string;
}

/** The fee: 20 yuan, free for an intact card that stopped working within six months of issue. */
export function replacementFee(reason: ReplaceReason, issuedAt: Date, typeFeeFen: number, now: Date): number {
  const freeUntil = DateTime.fromJSDate(issuedAt).plus({ months: FREE_FAULTY_MONTHS });
  if (reason === 'faulty' && DateTime.fromJSDate(now) <= freeUntil) return 0;
  return typeFeeFen > 0 ? typeFeeFen : DEFAULT_REPLACEMENT_FEE_FEN;
}

/**
 * A new card number for the holder; the old card is cancelled for good, its doors move to the new
 * card, the fee is recorded, and the balance is recorded as reaching the new card three days later.
 * A lost card must have been reported lost first (003, window 21: 先挂失、后补办).
 */
export async function replaceCard(db: Db, source: AuditSource, who: CardActor, cardId: number, reason: ReplaceReason): Promise<Replacement> {
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.status !== 'active' && card.status !== 'lost') throw statusConflict(card, 'replace');
    if (reason === 'lost' && card.status !== 'lost') throw new AppError(409, 'report_lost_first', 'Report the card lost before replacing it as lost');
    const now = new Date();
    const feeFen = replacementFee(reason, new Date(card.issued_at), card.fee_fen, now);
    const balanceFen = Number(card.balance_fen);
    const balanceDueAt = DateTime.fromJSDate(now).plus({ days: BALANCE_TRANSFER_DAYS }).toJSDate();
    // The old card leaves the live set before the new one enters it (one live card per person).
    await tx.execute(sql`update cards set status = 'replaced', closed_at = now() where id = ${cardId}`);
    const [fresh] = await tx.execute<{ id: number; card_no: string }>(sql`
      insert into cards (card_no, person_id, type_code, status, valid_until, balance_fen, production_status)
      values (nextval('card_no_seq')::text, ${card.person_id}, ${card.type_code}::card_type_code, 'active', ${card.valid_until}::date, 0, 'awaiting_confirmation')
      returning id, card_no`);
    await tx.execute(sql`update cards set replaced_by_id = ${fresh!.id} where id = ${cardId}`);
    await tx.execute(sql`insert into card_replacements (old_card_id, new_card_id, reason, fee_fen, balance_fen, balance_due_at, self_service, actor_account_id)
      values (${cardId}, ${fresh!.id}, ${reason}, ${feeFen}, ${balanceFen}, ${balanceDueAt.toISOString()}, ${!who.clerk}, ${who.accountId})`);
    const doors = await moveCardDoors(tx, cardId, fresh!.id);
    await recordCardEvent(tx, cardId, who, 'replaced', { feeFen, note: reason });
    await recordCardEvent(tx, fresh!.id, who, 'issued', { note: `replaces ${card.card_no}` });
    await appendAudit(tx, source, {
      action: 'card.replaced',
      objectType: 'card',
      objectId: cardId,
      before: { status: card.status, cardNo: card.card_no },
      after: { status: 'replaced', cardNo: card.card_no, newCardId: fresh!.id, newCardNo: fresh!.card_no, reason, feeFen, balanceFen, balanceDueAt: balanceDueAt.toISOString() },
    });
    return {
      oldCardId: cardId,
      oldCardNo: card.card_no,
      newCardId: fresh!.id,
      newCardNo: fresh!.card_no,
      reason,
      feeFen,
      balanceFen,
      balanceDueAt: balanceDueAt.toISOString(),
      doorsMoved: doors.filter((d) => d.cardId === fresh!.id).length,
      at: now.toISOString(),
    };
  });
}

/**
 * A clerk extends the validity (a delayed graduation, a new contract: 002, 2.5); an expired card
 * works again and gets back the doors it lost when it expired.
 */
export async function extendValidity(db: Db, source: AuditSource, who: CardActor, cardId: number, validUntil: string, hallTz: string) {
  if (!who.clerk) throw new AppError(403, 'card_clerk_only', 'Only a card-center clerk can extend a card’s validity');
  const today = DateTime.now().setZone(hallTz).toISODate()!;
  if (validUntil < today) throw new AppError(400, 'validity_in_past', 'The new validity date is in the past');
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.status !== 'active' && card.status !== 'expired' && card.status !== 'lost') throw statusConflict(card, 'extend');
    const status = card.status === 'expired' ? 'active' : card.status;
    await tx.execute(sql`update cards set valid_until = ${validUntil}::date, status = ${status}::card_status where id = ${cardId}`);
    const doors = card.status === 'expired' ? await restoreCardDoors(tx, cardId, 'card_expired', 'validity_extended') : [];
    await recordCardEvent(tx, cardId, who, 'extended', { note: validUntil });
    await appendAudit(tx, source, {
      action: 'card.validity_extended',
      objectType: 'card',
      objectId: cardId,
      before: { status: card.status, validUntil: card.valid_until },
      after: { status, validUntil, cardNo: card.card_no, doorsRestored: doors.length },
    });
    return { cardId, doorsRestored: doors.length };
  });
}
