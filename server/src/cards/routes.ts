import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams } from '../common/schemas.ts';
import { cardFor, cardsOf } from './cards.ts';
import { Card } from './schemas.ts';

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
      return { items: await cardsOf(app.db, personId) };
    },
  );

  app.get(
    '/api/cards/:id',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['cards'], summary: 'One card: its holder, a card clerk or an admin', params: IdParams, response: { 200: Card, ...problemResponses } },
    },
    async (request) => cardFor(app.db, request.actor, request.params.id),
  );
};

export default cardRoutes;
