import { Type } from 'typebox';
import { Nullable } from '../common/schemas.ts';

export const CardStatus = Type.Union([Type.Literal('active'), Type.Literal('lost'), Type.Literal('replaced'), Type.Literal('expired'), Type.Literal('closed')]);
export const ProductionStatus = Type.Union([
  Type.Literal('awaiting_confirmation'),
  Type.Literal('flagged'),
  Type.Literal('confirmed'),
  Type.Literal('made'),
  Type.Literal('ready'),
  Type.Literal('collected'),
]);
export const CardTypeCode = Type.Union(
  ['staff', 'student', 'graduate', 'general', 'consumption', 'alumni', 'canteen'].map((c) => Type.Literal(c)),
  { description: 'One of the seven card types of the card center' },
);
export const ReplaceReason = Type.Union([Type.Literal('lost'), Type.Literal('damaged'), Type.Literal('faulty')]);
export const InfoField = Type.Union([
  Type.Literal('name'),
  Type.Literal('number'),
  Type.Literal('unit'),
  Type.Literal('className'),
  Type.Literal('type'),
  Type.Literal('validUntil'),
  Type.Literal('photo'),
]);

export const Card = Type.Object({
  id: Type.Integer(),
  cardNo: Type.String(),
  type: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), identity: Type.Boolean({ description: 'Printed with photo and identity (needs an accepted photo)' }) }),
  status: CardStatus,
  issuedAt: Type.String({ format: 'date-time' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
  balanceFen: Type.Integer(),
  lostAt: Nullable(Type.String({ format: 'date-time' })),
  productionStatus: Nullable(ProductionStatus),
  infoFlag: Nullable(Type.Object({ fields: Type.Array(Type.String()), note: Nullable(Type.String()) })),
  replaces: Nullable(
    Type.Object({
      cardNo: Type.String(),
      reason: ReplaceReason,
      feeFen: Type.Integer(),
      balanceFen: Type.Integer(),
      balanceDueAt: Type.String({ format: 'date-time' }),
      balanceMovedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

export const Holder = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('other')]),
  status: Type.String(),
  unitName: Nullable(Type.String()),
  className: Nullable(Type.String()),
  validUntil: Nullable(Type.String({ format: 'date' })),
});

export const Photo = Type.Object({ status: Type.Literal('accepted'), uploadedAt: Type.String({ format: 'date-time' }) });

export const CardEvent = Type.Object({
  cardId: Type.Integer(),
  type: Type.String(),
  selfService: Type.Boolean(),
  feeFen: Type.Integer(),
  note: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
  actor: Nullable(Type.String()),
});

export const MyCards = Type.Object({
  items: Type.Array(Card),
  holder: Nullable(Holder),
  photo: Nullable(Photo),
  selfServiceLostLeft: Type.Integer({ description: 'Self-service report-lost left this semester (2 a semester)' }),
});

export const PersonCards = Type.Object({
  holder: Holder,
  photo: Nullable(Photo),
  items: Type.Array(Card),
  history: Type.Array(CardEvent),
  selfServiceLostLeft: Type.Integer(),
});

export const Replacement = Type.Object({
  oldCardId: Type.Integer(),
  oldCardNo: Type.String(),
  newCardId: Type.Integer(),
  newCardNo: Type.String(),
  reason: ReplaceReason,
  feeFen: Type.Integer(),
  balanceFen: Type.Integer(),
  balanceDueAt: Type.String({ format: 'date-time' }),
  doorsMoved: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  card: Card,
  holder: Holder,
});

export const PersonHit = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('other')]),
  unitName: Nullable(Type.String()),
});

/** A card type of the card center, as the desk offers it when issuing a card. */
export const CardType = Type.Object({
  code: CardTypeCode,
  nameZh: Type.String(),
  nameEn: Type.String(),
  holdersZh: Type.Array(Type.String()),
  feeFen: Type.Integer(),
  firstCardFree: Type.Boolean(),
  identity: Type.Boolean(),
  validityRuleZh: Type.String(),
});

export const IssuedCard = Type.Object({
  cardId: Type.Integer(),
  cardNo: Type.String(),
  typeCode: CardTypeCode,
  validUntil: Nullable(Type.String({ format: 'date' })),
  feeFen: Type.Integer(),
  doorsGranted: Type.Integer({ description: 'Doors of the person’s current dorm room granted to the new card' }),
  card: Card,
});
