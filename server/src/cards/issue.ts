import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, doorsOfRooms, grantDoors, type AuditSource, type Db } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';
import type { CardActor } from './actor.ts';
import { recordCardEvent } from './lifecycle.ts';
import { notify } from './production.ts';

export interface IssueCard {
  typeCode: string;
  /** The card's validity end; the person's expected graduation or contract end when absent. */
  validUntil?: string | undefined;
}

export interface IssuedCard {
  cardId: number;
  cardNo: string;
  typeCode: string;
  validUntil: string | null;
  feeFen: number;
  doorsGranted: number;
}

/**
 * A card clerk issues a person their card (a freshman, a new member of staff, someone whose account
 * was closed): a new number, made once the holder has confirmed the card information and photo
 * online, the first card of a type that says so free and otherwise its fee, and the doors of the
 * person's current dorm room granted to it at once. One transaction holding the person's row, so
 * two clerks issuing at once give one card; refused while the person has a card that works or is
 * merely reported lost (that one is unfrozen or replaced), or an expired one (its validity is extended).
 */
export async function issueCard(db: Db, source: AuditSource, who: CardActor, personId: number, input: IssueCard, hallTz: string): Promise<IssuedCard> {
  if (!who.clerk) throw new AppError(403, 'card_clerk_only', 'Only a card-center clerk can issue a card');
  const today = DateTime.now().setZone(hallTz).toISODate()!;
  return db.transaction(async (tx) => {
    const [person] = await tx.execute<{ id: number; status: string; valid_until: string | null }>(
      sql`select id, status::text as status, valid_until::text from people where id = ${personId} for update`,
    );
    if (!person) throw notFound('person');
    if (person.status === 'graduated' || person.status === 'departed') throw new AppError(409, 'person_left', 'The person has left the university');
    const [held] = await tx.execute<{ card_no: string; status: string }>(sql`
      select card_no, status::text as status from cards where person_id = ${personId} and status in ('active', 'lost', 'expired') order by id desc limit 1`);
    if (held?.status === 'expired') throw new AppError(409, 'extend_instead', 'The person’s card has expired: extend its validity instead', `Card ${held.card_no}`);
    if (held) throw new AppError(409, 'card_exists', 'The person already has a card', `Card ${held.card_no} is ${held.status}`);
    const [type] = await tx.execute<{ fee_fen: number; first_card_free: boolean }>(sql`select fee_fen, first_card_free from card_types where code = ${input.typeCode}::card_type_code`);
    if (!type) throw notFound('card_type');
    const validUntil = input.validUntil ?? person.valid_until;
    if (validUntil !== null && validUntil < today) throw new AppError(400, 'validity_in_past', 'The validity date is in the past');
    const [prior] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from cards where person_id = ${personId} and type_code = ${input.typeCode}::card_type_code`);
    const feeFen = type.first_card_free && prior!.n === 0 ? 0 : Number(type.fee_fen);

    const [card] = await tx.execute<{ id: number; card_no: string }>(sql`
      insert into cards (card_no, person_id, type_code, status, valid_until, balance_fen, production_status)
      values (nextval('card_no_seq')::text, ${personId}, ${input.typeCode}::card_type_code, 'active', ${validUntil}::date, 0, 'awaiting_confirmation')
      returning id, card_no`);
    // The doors the person's room implies follow them onto the new card.
    const [home] = await tx.execute<{ room_id: number }>(sql`select room_id from dorm_assignments where person_id = ${personId} and ends_on is null`);
    const doorIds = home ? ((await doorsOfRooms(tx, [Number(home.room_id)])).get(Number(home.room_id)) ?? []) : [];
    const granted = await grantDoors(tx, doorIds.map((doorId) => ({ cardId: card!.id, doorId, reason: 'card_issued' as const })));
    await recordCardEvent(tx, card!.id, who, 'issued', { feeFen });
    await notify(tx, personId, 'card.confirm_requested', { cardId: card!.id, cardNo: card!.card_no });
    await appendAudit(tx, source, {
      action: 'card.issued',
      objectType: 'card',
      objectId: card!.id,
      before: null,
      after: { cardNo: card!.card_no, personId, typeCode: input.typeCode, validUntil, feeFen, doorsGranted: granted.length },
    });
    return { cardId: card!.id, cardNo: card!.card_no, typeCode: input.typeCode, validUntil, feeFen, doorsGranted: granted.length };
  });
}
