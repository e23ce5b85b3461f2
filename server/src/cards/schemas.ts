import { Type } from 'typebox';
import { Nullable } from '../common/schemas.ts';

export const Card = Type.Object({
  id: Type.Integer(),
  cardNo: Type.String(),
  type: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  status: Type.Union([Type.Literal('active'), Type.Literal('lost'), Type.Literal('replaced'), Type.Literal('expired'), Type.Literal('closed')]),
  issuedAt: Type.String({ format: 'date-time' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
  balanceFen: Type.Integer(),
});
