import { sql } from 'drizzle-orm';
import { appendAudit, grantDoors, revokeGrants, usableCardOf, type AuditSource, type Db, type Tx } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';
import type { CLERK_GRANT_REASONS } from './schemas.ts';

export interface ClerkGrant {
  personId?: number | undefined;
  cardId?: number | undefined;
  doorIds: number[];
  validFrom?: string | undefined;
  validTo?: string | null | undefined;
  reason: (typeof CLERK_GRANT_REASONS)[number];
}

/** The card a clerk's grant goes to: the one named (if usable) or the person's usable card. */
async function cardForGrant(tx: Tx, input: ClerkGrant): Promise<{ id: number; personId: number }> {
  if ((input.cardId === undefined) === (input.personId === undefined)) {
    throw new AppError(400, 'person_or_card_required', 'Name either a person or a card');
  }
  if (input.cardId !== undefined) {
    const [card] = await tx.execute<{ id: number; person_id: number; status: string }>(
      sql`select id, person_id, status from cards where id = ${input.cardId} for update`,
    );
    if (!card) throw notFound('card');
    if (card.status !== 'active') throw new AppError(409, 'card_not_usable', 'Only an active card can be given doors', `The card is ${card.status}`);
    return { id: Number(card.id), personId: Number(card.person_id) };
  }
  const [person] = await tx.execute<{ id: number }>(sql`select id from people where id = ${input.personId!} for update`);
  if (!person) throw notFound('person');
  const card = await usableCardOf(tx, Number(person.id));
  if (!card) throw new AppError(409, 'no_usable_card', 'The person has no active card to give doors to');
  return { id: card.id, personId: Number(person.id) };
}

/** Doors that do not exist are a 404 naming them, before anything is written. Returns their names, in order. */
export async function doorNames(tx: Tx, doorIds: readonly number[]): Promise<string[]> {
  const found = await tx.execute<{ id: number; name_zh: string }>(sql`select id, name_zh from doors where id = any(${`{${doorIds.join(',')}}`}::int[])`);
  const names = new Map(found.map((d) => [Number(d.id), d.name_zh]));
  const missing = doorIds.filter((id) => !names.has(id));
  if (missing.length > 0) throw new AppError(404, 'door_not_found', 'door not found', `No door ${missing.join(', ')}`);
  return doorIds.map((id) => names.get(id)!);
}

/** Who an audit sentence names: the audit page has no other way to learn a person's name. */
export async function personSummary(tx: Tx, personId: number): Promise<{ personName: string; personNumber: string }> {
  const [p] = await tx.execute<{ name: string; number: string }>(sql`select name, number from people where id = ${personId}`);
  return { personName: p?.name ?? '', personNumber: p?.number ?? '' };
}

/** A lock clerk grants doors to a card for a window of time. Returns the holder's person id. */
export async function grantByClerk(db: Db, who: AuditSource, input: ClerkGrant): Promise<number> {
  const validFrom = input.validFrom ? new Date(input.validFrom) : new Date();
  const validTo = input.validTo ? new Date(input.validTo) : null;
  if (validTo && validTo <= validFrom) throw new AppError(400, 'invalid_validity', 'The grant must end after it starts');
  if (validTo && validTo <= new Date()) throw new AppError(400, 'invalid_validity', 'The grant would already have ended');
  return db.transaction(async (tx) => {
    const card = await cardForGrant(tx, input);
    const doors = await doorNames(tx, input.doorIds);
    const changes = await grantDoors(tx, input.doorIds.map((doorId) => ({ cardId: card.id, doorId, reason: input.reason, validFrom, validTo })));
    await appendAudit(tx, who, {
      action: 'lock_grant.granted',
      objectType: 'person',
      objectId: card.personId,
      after: {
        ...(await personSummary(tx, card.personId)),
        cardId: card.id,
        doorIds: input.doorIds,
        doorNames: doors,
        grantIds: changes.map((c) => c.grantId),
        reason: input.reason,
        validFrom: validFrom.toISOString(),
        validTo: validTo?.toISOString() ?? null,
      },
    });
    return card.personId;
  });
}

/** A lock clerk takes a door away from a card. Returns the holder's person id. */
export async function revokeByClerk(db: Db, who: AuditSource, grantId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [grant] = await tx.execute<{ id: number; status: string; card_id: number; door_id: number; door_name: string; person_id: number }>(sql`
      select g.id, g.status, g.card_id, g.door_id, d.name_zh as door_name, c.person_id
        from lock_grants g join cards c on c.id = g.card_id join doors d on d.id = g.door_id
       where g.id = ${grantId} for update of g`);
    if (!grant) throw notFound('lock_grant');
    if (grant.status === 'revoke_pending' || grant.status === 'revoked') {
      throw new AppError(409, 'grant_already_revoked', 'This door was already taken away from the card');
    }
    await revokeGrants(tx, [grantId], 'clerk');
    await appendAudit(tx, who, {
      action: 'lock_grant.revoked',
      objectType: 'person',
      objectId: Number(grant.person_id),
      before: { grantId, cardId: Number(grant.card_id), doorId: Number(grant.door_id), status: grant.status },
      after: { ...(await personSummary(tx, Number(grant.person_id))), grantId, doorName: grant.door_name, status: 'revoke_pending' },
    });
    return Number(grant.person_id);
  });
}
