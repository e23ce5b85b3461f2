import { sql } from 'drizzle-orm';
import { appendAudit, type AuditSource, type Db, type Tx } from '@campus/db';
import { AppError } from '../common/problem.ts';
import type { CardActor } from './actor.ts';
import { lockCard, recordCardEvent, type LockedCard } from './lifecycle.ts';

/**
 * Making a new or replacement card (000): the holder confirms the card information and photo
 * online, or flags what is wrong; a card clerk corrects it and asks again; then the card is made,
 * ready for pickup (the holder is told) and collected.
 */

export const INFO_FIELDS = ['name', 'number', 'unit', 'className', 'type', 'validUntil', 'photo'] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

export type ProductionStep = 'made' | 'ready' | 'collected';

/** Each step and the one it follows. */
const STEP_AFTER: Record<ProductionStep, string> = { made: 'confirmed', ready: 'made', collected: 'ready' };
const STEP_EVENT = { made: 'made', ready: 'ready_for_pickup', collected: 'collected' } as const;

function notAwaiting(card: LockedCard): AppError {
  return new AppError(409, 'card_not_awaiting_confirmation', 'This card is not waiting for its information to be confirmed', `Its making is at: ${card.production_status ?? 'handed over'}`);
}

export async function notify(tx: Tx, personId: number, kind: string, payload: Record<string, unknown>) {
  await tx.execute(sql`insert into notifications (account_id, kind, payload)
    select id, ${kind}, ${JSON.stringify(payload)}::jsonb from accounts where person_id = ${personId}`);
}

/** The holder's answer: the information and photo are right, or these fields are wrong. */
export async function answerConfirmation(
  db: Db,
  source: AuditSource,
  who: CardActor,
  cardId: number,
  answer: { correct: boolean; fields?: InfoField[] | undefined; note?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.person_id !== who.personId) throw new AppError(403, 'holder_only', 'Only the card’s holder confirms its information');
    if (card.production_status !== 'awaiting_confirmation') throw notAwaiting(card);
    if (answer.correct) {
      if (card.identity) {
        const [photo] = await tx.execute(sql`select 1 from person_photos where person_id = ${card.person_id} and status = 'accepted'`);
        if (!photo) throw new AppError(409, 'photo_required', 'Upload a photo before confirming: this card is printed with one');
      }
      await tx.execute(sql`update cards set production_status = 'confirmed', info_confirmed_at = now(), info_flag = null where id = ${cardId}`);
      await recordCardEvent(tx, cardId, who, 'info_confirmed');
      await appendAudit(tx, source, { action: 'card.info_confirmed', objectType: 'card', objectId: cardId, after: { cardNo: card.card_no } });
      return { productionStatus: 'confirmed' as const };
    }
    const fields = [...new Set(answer.fields ?? [])];
    if (fields.length === 0) throw new AppError(400, 'flag_fields_required', 'Say which information is wrong');
    const flag = { fields, note: answer.note?.trim() || null };
    await tx.execute(sql`update cards set production_status = 'flagged', info_flag = ${JSON.stringify(flag)}::jsonb where id = ${cardId}`);
    await recordCardEvent(tx, cardId, who, 'info_flagged', { note: fields.join(',') });
    await appendAudit(tx, source, { action: 'card.info_flagged', objectType: 'card', objectId: cardId, after: { cardNo: card.card_no, ...flag } });
    return { productionStatus: 'flagged' as const };
  });
}

export interface Corrections {
  name?: string | undefined;
  unitName?: string | undefined;
  className?: string | undefined;
}

/** A clerk fixes what was flagged (in the person's record) and asks the holder to confirm again. */
export async function requestConfirmation(db: Db, source: AuditSource, who: CardActor, cardId: number, corrections: Corrections) {
  if (!who.clerk) throw new AppError(403, 'card_clerk_only', 'Only a card-center clerk can correct card information');
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.production_status !== 'flagged' && card.production_status !== 'awaiting_confirmation') throw new AppError(409, 'card_not_flagged', 'Nothing is waiting for a correction on this card');
    const [before] = await tx.execute<{ name: string; unit_name: string | null; class_name: string | null }>(sql`select name, unit_name, class_name from people where id = ${card.person_id}`);
    const changed: Corrections = {};
    if (corrections.name !== undefined && corrections.name.trim() !== '' && corrections.name.trim() !== before!.name) changed.name = corrections.name.trim();
    if (corrections.unitName !== undefined && corrections.unitName.trim() !== (before!.unit_name ?? '')) changed.unitName = corrections.unitName.trim();
    if (corrections.className !== undefined && corrections.className.trim() !== (before!.class_name ?? '')) changed.className = corrections.className.trim();
    await tx.execute(sql`update people set name = coalesce(${changed.name ?? null}, name),
        unit_name = case when ${changed.unitName !== undefined} then ${changed.unitName ?? null} else unit_name end,
        class_name = case when ${changed.className !== undefined} then ${changed.className ?? null} else class_name end
      where id = ${card.person_id}`);
    await tx.execute(sql`update cards set production_status = 'awaiting_confirmation', info_flag = null where id = ${cardId}`);
    await recordCardEvent(tx, cardId, who, 'info_requested');
    await appendAudit(tx, source, { action: 'card.info_requested', objectType: 'card', objectId: cardId, before: { productionStatus: card.production_status }, after: { cardNo: card.card_no, corrected: Object.keys(changed) } });
    await notify(tx, card.person_id, 'card.confirm_requested', { cardId, cardNo: card.card_no });
    return { productionStatus: 'awaiting_confirmation' as const };
  });
}

/** made → ready for pickup (the holder is told) → collected, each only after the one before. */
export async function advanceProduction(db: Db, source: AuditSource, who: CardActor, cardId: number, step: ProductionStep) {
  if (!who.clerk) throw new AppError(403, 'card_clerk_only', 'Only a card-center clerk moves a card through its making');
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, who, cardId);
    if (card.production_status !== STEP_AFTER[step]) {
      throw new AppError(409, 'production_out_of_order', `A card is ${step} only after it is ${STEP_AFTER[step]}`, `Its making is at: ${card.production_status ?? 'handed over'}`);
    }
    await tx.execute(sql`update cards set production_status = ${step}::card_production_status where id = ${cardId}`);
    await recordCardEvent(tx, cardId, who, STEP_EVENT[step]);
    await appendAudit(tx, source, { action: `card.${step}`, objectType: 'card', objectId: cardId, before: { productionStatus: card.production_status }, after: { productionStatus: step, cardNo: card.card_no } });
    if (step === 'ready') await notify(tx, card.person_id, 'card.ready_for_pickup', { cardId, cardNo: card.card_no, windowNumber: 21 });
    return { productionStatus: step };
  });
}
