import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { accountOf, allow, type Actor } from '../shared/access.ts';
import { notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable } from '../shared/schemas.ts';

const { cardTypes, cards } = schema;

const Card = Type.Object({
  id: Type.Integer(),
  cardNo: Type.String(),
  type: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  status: Type.Union([Type.Literal('active'), Type.Literal('lost'), Type.Literal('replaced'), Type.Literal('expired'), Type.Literal('closed')]),
  issuedAt: Type.String({ format: 'date-time' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
  balanceFen: Type.Integer(),
});

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

const cardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me/cards',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['cards'], summary: 'My campus cards, newest first', response: { 200: Type.Object({ items: Type.Array(Card) }), ...problemResponses } },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      if (personId === null) return { items: [] };
      const rows = await app.db
        .select(cardColumns)
        .from(cards)
        .innerJoin(cardTypes, eq(cardTypes.code, cards.typeCode))
        .where(eq(cards.personId, personId))
        .orderBy(desc(cards.issuedAt));
      return { items: rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString() })) };
    },
  );

  app.get(
    '/api/cards/:id',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['cards'], summary: 'One card: its holder, a card clerk or an admin', params: IdParams, response: { 200: Card, ...problemResponses } },
    },
    async (request) => {
      const scope = visibleTo(request.actor);
      if (scope === 'none') throw notFound('card');
      const [row] = await app.db
        .select(cardColumns)
        .from(cards)
        .innerJoin(cardTypes, eq(cardTypes.code, cards.typeCode))
        .where(and(eq(cards.id, request.params.id), scope));
      if (!row) throw notFound('card');
      return { ...row, issuedAt: row.issuedAt.toISOString() };
    },
  );
};

export default cardRoutes;
