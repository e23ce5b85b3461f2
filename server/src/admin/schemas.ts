import { Type } from 'typebox';
import { Nullable, SerialId, ShortText } from '../common/schemas.ts';

export const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({
    accountId: Nullable(Type.Integer()),
    username: Nullable(Type.String()),
    displayName: Nullable(Type.String()),
    role: Nullable(Type.String()),
    deviceId: Nullable(Type.Integer()),
    deviceName: Nullable(Type.String()),
  }),
  ip: Nullable(Type.String()),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(ShortText(64)),
    action: Type.Optional(ShortText(64)),
    objectType: Type.Optional(ShortText(40)),
    objectId: Type.Optional(ShortText(64)),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    beforeId: Type.Optional(SerialId),
  },
  { additionalProperties: false },
);
