import { and, desc, eq, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { accountOf, type Actor } from '../common/access.ts';
import { notFound } from '../common/problem.ts';

const { cardTypes, cards, cardReplacements } = schema;

const cardColumns = {
  id: cards.id,
  cardNo: cards.cardNo,
  status: cards.status,
  issuedAt: cards.issuedAt,
  validUntil: cards.validUntil,
  balanceFen: cards.balanceFen,
  lostAt: cards.lostAt,
  productionStatus: cards.productionStatus,
  infoFlag: cards.infoFlag,
  type: { code: cardTypes.code, nameZh: cardTypes.nameZh, nameEn: cardTypes.nameEn, identity: cardTypes.identity },
  replacement: {
    reason: cardReplacements.reason,
    feeFen: cardReplacements.feeFen,
    balanceFen: cardReplacements.balanceFen,
    balanceDueAt: cardReplacements.balanceDueAt,
    balanceMovedAt: cardReplacements.balanceMovedAt,
    oldCardId: cardReplacements.oldCardId,
  },
};

type CardRow = {
  id: number;
  cardNo: string;
  status: 'active' | 'lost' | 'replaced' | 'expired' | 'closed';
  issuedAt: Date;
  validUntil: string | null;
  balanceFen: number;
  lostAt: Date | null;
  productionStatus: 'awaiting_confirmation' | 'flagged' | 'confirmed' | 'made' | 'ready' | 'collected' | null;
  infoFlag: { fields: string[]; note: string | null } | null;
  type: { code: string; nameZh: string; nameEn: string; identity: boolean };
  replacement: { reason: 'lost' | 'damaged' | 'faulty'; feeFen: number; balanceFen: number; balanceDueAt: Date; balanceMovedAt: Date | null; oldCardId: number } | null;
};

function view(r: CardRow, oldNos: Map<number, string>) {
  const rep = r.replacement && r.replacement.reason !== null ? r.replacement : null;
  return {
    id: r.id,
    cardNo: r.cardNo,
    status: r.status,
    issuedAt: r.issuedAt.toISOString(),
    validUntil: r.validUntil,
    balanceFen: r.balanceFen,
    lostAt: r.lostAt?.toISOString() ?? null,
    productionStatus: r.productionStatus,
    infoFlag: r.infoFlag,
    type: r.type,
    replaces: rep
      ? {
          cardNo: oldNos.get(rep.oldCardId) ?? '',
          reason: rep.reason,
          feeFen: rep.feeFen,
          balanceFen: rep.balanceFen,
          balanceDueAt: rep.balanceDueAt.toISOString(),
          balanceMovedAt: rep.balanceMovedAt?.toISOString() ?? null,
        }
      : null,
  };
}

async function readCards(db: Db, where: SQL | undefined) {
  const rows = (await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(cardTypes, eq(cardTypes.code, cards.typeCode))
    .leftJoin(cardReplacements, eq(cardReplacements.newCardId, cards.id))
    .where(where)
    .orderBy(desc(cards.issuedAt), desc(cards.id))) as CardRow[];
  const oldIds = rows.flatMap((r) => (r.replacement?.oldCardId ? [r.replacement.oldCardId] : []));
  const olds = oldIds.length
    ? await db.execute<{ id: number; card_no: string }>(sql`select id, card_no from cards where id = any(${`{${oldIds.join(',')}}`}::int[])`)
    : [];
  const oldNos = new Map(olds.map((o) => [Number(o.id), o.card_no]));
  return rows.map((r) => view(r, oldNos));
}

/** Card clerks and admins see any card; everybody else only their own — others' ids answer 404. */
function visibleTo(actor: Actor): SQL | undefined | 'none' {
  const account = accountOf(actor);
  if (!account) return 'none';
  if (account.roles.has('card_clerk') || account.roles.has('admin')) return undefined;
  return account.personId === null ? 'none' : eq(cards.personId, account.personId);
}

/** A person's campus cards, newest first, with the making and replacement of each. */
export async function cardsOf(db: Db, personId: number) {
  return readCards(db, eq(cards.personId, personId));
}

/** One card, if the actor may see it (404 otherwise). */
export async function cardFor(db: Db, actor: Actor, id: number) {
  const scope = visibleTo(actor);
  if (scope === 'none') throw notFound('card');
  const [row] = await readCards(db, and(eq(cards.id, id), scope));
  if (!row) throw notFound('card');
  return row;
}

/** What the card is printed with: the holder confirms it before the card is made. */
export async function holderOf(db: Db, personId: number) {
  const [p] = await db.execute<{ id: number; number: string; name: string; kind: string; status: string; unit_name: string | null; class_name: string | null; valid_until: string | null }>(sql`
    select id, number, name, kind::text as kind, status::text as status, unit_name, class_name, valid_until::text as valid_until from people where id = ${personId}`);
  if (!p) throw notFound('person');
  const [photo] = await db.execute<{ created_at: Date }>(sql`select created_at from person_photos where person_id = ${personId} and status = 'accepted'`);
  return {
    holder: { id: p.id, number: p.number, name: p.name, kind: p.kind as 'student' | 'staff' | 'other', status: p.status, unitName: p.unit_name, className: p.class_name, validUntil: p.valid_until },
    photo: photo ? { status: 'accepted' as const, uploadedAt: new Date(photo.created_at).toISOString() } : null,
  };
}

/** A card's history, oldest first, with who acted (the clerk's display name; the holder as self-service). */
export async function historyOf(db: Db, personId: number) {
  const rows = await db.execute<{ card_id: number; type: string; self_service: boolean; fee_fen: number; note: string | null; at: Date; actor: string | null }>(sql`
    select e.card_id, e.type::text as type, e.self_service, e.fee_fen, e.note, e.at, a.display_name as actor
      from card_events e join cards c on c.id = e.card_id left join accounts a on a.id = e.actor_account_id
     where c.person_id = ${personId} order by e.at, e.id`);
  return rows.map((e) => ({ cardId: e.card_id, type: e.type, selfService: e.self_service, feeFen: e.fee_fen, note: e.note, at: new Date(e.at).toISOString(), actor: e.actor }));
}

/** Card clerks find a person by number (prefix) or name (part of it). */
export async function findPeople(db: Db, q: string) {
  const text = q.trim();
  if (text === '') return [];
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.execute<{ id: number; number: string; name: string; kind: string; unit_name: string | null }>(sql`
    select id, number, name, kind::text as kind, unit_name from people
     where number ilike ${`${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or name like ${like}
     order by (number = ${text}) desc, number limit 20`);
  return rows.map((p) => ({ id: p.id, number: p.number, name: p.name, kind: p.kind as 'student' | 'staff' | 'other', unitName: p.unit_name }));
}

/** The card types in the catalogue's order (the seed's), for the desk's issue form and the finder. */
export async function cardTypesList(db: Db) {
  return db
    .select({
      code: cardTypes.code,
      nameZh: cardTypes.nameZh,
      nameEn: cardTypes.nameEn,
      holdersZh: cardTypes.holdersZh,
      feeFen: cardTypes.feeFen,
      firstCardFree: cardTypes.firstCardFree,
      identity: cardTypes.identity,
      validityRuleZh: cardTypes.validityRuleZh,
    })
    .from(cardTypes)
    .orderBy(sql`array_position(enum_range(null::card_type_code), ${cardTypes.code})`);
}
