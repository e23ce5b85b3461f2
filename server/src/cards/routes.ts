import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, ShortText } from '../common/schemas.ts';
import { cardActorOf } from './actor.ts';
import { cardFor, cardsOf, cardTypesList, findPeople, historyOf, holderOf } from './cards.ts';
import { issueCard } from './issue.ts';
import { extendValidity, replaceCard, reportLost, selfServiceLostLeft, unfreeze } from './lifecycle.ts';
import { advanceProduction, answerConfirmation, requestConfirmation } from './production.ts';
import { Card, CardType, CardTypeCode, InfoField, IssuedCard, MyCards, PersonCards, PersonHit, Replacement, ReplaceReason } from './schemas.ts';

const refusals = { 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses } as const;

/**
 * The card center: a holder's own cards (self-service report-lost, unfreeze, replacement, confirming
 * the card information), and the card clerks' desk at windows 20–23.
 */
const cardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;
  /** The expiry job follows the card's row; a lost enqueue is repaired by the periodic sweep. */
  const validityChanged = (...cardIds: number[]) => {
    for (const cardId of cardIds) app.enqueueJob('cards', 'card.validity.changed', { cardId });
  };
  /** After a change to a card: its expiry job follows, and the answer is the card as the caller sees it. */
  const changed = (actor: Parameters<typeof cardFor>[1], cardId: number) => {
    validityChanged(cardId);
    return cardFor(app.db, actor, cardId);
  };

  app.get(
    '/api/me/cards',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['cards'], summary: 'My campus cards (newest first), what they are printed with, and my self-service report-lost left this semester', response: { 200: MyCards, ...problemResponses } },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      if (personId === null) return { items: [], holder: null, photo: null, selfServiceLostLeft: 0 };
      const [items, info, left] = await Promise.all([cardsOf(app.db, personId), holderOf(app.db, personId), selfServiceLostLeft(app.db, personId, hallTz, new Date())]);
      return { items, ...info, selfServiceLostLeft: left };
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

  app.post(
    '/api/cards/:id/report-lost',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'Report a card lost: its doors are cut at once. Holders: 2 a semester (self_service_lost_limit after), clerks: any',
        params: IdParams,
        response: { 200: Type.Object({ card: Card, doorsRevoked: Type.Integer() }), ...refusals },
      },
    },
    async (request) => {
      const done = await reportLost(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, hallTz);
      return { card: await changed(request.actor, done.cardId), doorsRevoked: done.doorsRevoked };
    },
  );

  app.post(
    '/api/cards/:id/unfreeze',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'A found card works again and gets its doors back, while no replacement has been issued',
        params: IdParams,
        response: { 200: Type.Object({ card: Card, doorsRestored: Type.Integer() }), ...refusals },
      },
    },
    async (request) => {
      const done = await unfreeze(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, hallTz);
      return { card: await changed(request.actor, done.cardId), doorsRestored: done.doorsRestored };
    },
  );

  app.post(
    '/api/cards/:id/replace',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'Replace a card: new number, fee recorded (20 yuan; free for a faulty card within 6 months of issue), old card cancelled, doors moved, balance moves in 3 days',
        params: IdParams,
        body: Type.Object({ reason: ReplaceReason }, { additionalProperties: false }),
        response: { 200: Replacement, ...refusals },
      },
    },
    async (request) => {
      const who = cardActorOf(request.actor);
      const done = await replaceCard(app.db, auditSourceOf(request), who, request.params.id, request.body.reason);
      validityChanged(done.oldCardId, done.newCardId);
      const card = await cardFor(app.db, request.actor, done.newCardId);
      const [c] = await app.pg.sql`select person_id from cards where id = ${done.newCardId}`;
      const { holder } = await holderOf(app.db, c!.person_id as number);
      return { ...done, card, holder };
    },
  );

  app.post(
    '/api/cards/:id/extend',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'A card clerk extends the validity; an expired card works again with its doors',
        params: IdParams,
        body: Type.Object({ validUntil: Type.String({ format: 'date' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ card: Card, doorsRestored: Type.Integer() }), ...refusals },
      },
    },
    async (request) => {
      const done = await extendValidity(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, request.body.validUntil, hallTz);
      return { card: await changed(request.actor, done.cardId), doorsRestored: done.doorsRestored };
    },
  );

  app.post(
    '/api/cards/:id/confirmation',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'The holder confirms the card information and photo before the card is made, or says what is wrong',
        params: IdParams,
        body: Type.Object(
          { correct: Type.Boolean(), fields: Type.Optional(Type.Array(InfoField, { maxItems: 7 })), note: Type.Optional(Type.String({ maxLength: 300 })) },
          { additionalProperties: false },
        ),
        response: { 200: Card, ...refusals },
      },
    },
    async (request) => {
      await answerConfirmation(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, request.body);
      return cardFor(app.db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/cards/:id/confirmation-request',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'A card clerk corrects the flagged information and asks the holder to confirm again (the holder is told)',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Type.String({ maxLength: 60 })), unitName: Type.Optional(Type.String({ maxLength: 100 })), className: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Card, ...refusals },
      },
    },
    async (request) => {
      await requestConfirmation(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, request.body);
      return cardFor(app.db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/cards/:id/production',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['cards'],
        summary: 'A card clerk moves a confirmed card on: made → ready for pickup (the holder is told) → collected',
        params: IdParams,
        body: Type.Object({ step: Type.Union([Type.Literal('made'), Type.Literal('ready'), Type.Literal('collected')]) }, { additionalProperties: false }),
        response: { 200: Card, ...refusals },
      },
    },
    async (request) => {
      await advanceProduction(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, request.body.step);
      return cardFor(app.db, request.actor, request.params.id);
    },
  );

  app.get(
    '/api/people',
    {
      config: { access: allow.roles('card_clerk', 'lock_clerk', 'admin') },
      schema: {
        tags: ['cards'],
        summary: 'Find a person by student/staff number (prefix) or name (part)',
        querystring: Type.Object({ q: ShortText(40) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(PersonHit) }), 403: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => ({ items: await findPeople(app.db, request.query.q) }),
  );

  app.get(
    '/api/card-types',
    {
      config: { access: allow.public },
      schema: { tags: ['cards'], summary: 'The seven card types: who holds each, the fee, whether the first card is free, the validity rule', response: { 200: Type.Object({ items: Type.Array(CardType) }), ...problemResponses } },
    },
    async () => ({ items: await cardTypesList(app.db) }),
  );

  app.post(
    '/api/people/:id/cards',
    {
      config: { access: allow.roles('card_clerk') },
      schema: {
        tags: ['cards'],
        summary: 'A card clerk issues a person a card (first card, or after an account was closed): made after the holder confirms online; their dorm doors follow',
        params: IdParams,
        body: Type.Object({ typeCode: CardTypeCode, validUntil: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
        response: { 200: IssuedCard, ...refusals },
      },
    },
    async (request) => {
      const done = await issueCard(app.db, auditSourceOf(request), cardActorOf(request.actor), request.params.id, request.body, hallTz);
      return { ...done, card: await changed(request.actor, done.cardId) };
    },
  );

  app.get(
    '/api/people/:id/cards',
    {
      config: { access: allow.roles('card_clerk', 'admin') },
      schema: {
        tags: ['cards'],
        summary: 'A person’s cards with their history, for the card-center desk',
        params: IdParams,
        response: { 200: PersonCards, 403: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      const personId = request.params.id;
      const info = await holderOf(app.db, personId);
      const [items, history, left] = await Promise.all([cardsOf(app.db, personId), historyOf(app.db, personId), selfServiceLostLeft(app.db, personId, hallTz, new Date())]);
      return { ...info, items, history, selfServiceLostLeft: left };
    },
  );
};

export default cardRoutes;
