import { and, desc, eq, type SQL } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { accountOf, type Actor } from '../common/access.ts';
import { notFound } from '../common/problem.ts';

const { cardTypes, cards } = schema;

const cardColumns = {
  id: cards.id,
  cardNo: cards.cardNo,
  status: cards.status,
  issuedAt: cards.issuedAt,
  validUntil: cards.validUntil,
  balanceFen: cards.balanceFen,
  type: { code: cardTypes.code, nameZh: cardTypes.nameZh, nameEn: cardTypes.nameEn },
};

/** Card clerks and admins see any card; everybody else only their own — others' ids answer 404. */
function visibleTo(actor: Actor): SQL | undefined | 'none' {
  const account = accountOf(actor);
  if (!account) return 'none';
  if (account.roles.has('card_clerk') || account.roles.has('admin')) return undefined;
  return account.personId === null ? 'none' : eq(cards.personId, account.personId);
}

/** A person's campus cards, newest first. */
export async function cardsOf(db: Db, personId: number) {
  const rows = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(cardTypes, eq(cardTypes.code, cards.typeCode))
    .where(eq(cards.personId, personId))
    .orderBy(desc(cards.issuedAt));
  return rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString() }));
}

/** One card, if the actor may see it (404 otherwise). */
export async function cardFor(db: Db, actor: Actor, id: number) {
  const scope = visibleTo(actor);
  if (scope === 'none') throw notFound('card');
  const [row] = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(cardTypes, eq(cardTypes.code, cards.typeCode))
    .where(and(eq(cards.id, id), scope));
  if (!row) throw notFound('card');
  return { ...row, issuedAt: row.issuedAt.toISOString() };
}
