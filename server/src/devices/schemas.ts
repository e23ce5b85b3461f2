import { Type } from 'typebox';
import { Nullable } from '../common/schemas.ts';

const DeviceKind = Type.Union([Type.Literal('kiosk'), Type.Literal('display')]);

/** What a device learns about itself. */
export const DeviceSelf = Type.Object({
  id: Type.Integer(),
  kind: DeviceKind,
  name: Type.String(),
  location: Nullable(Type.String()),
});

export const DeviceItem = Type.Object({
  id: Type.Integer(),
  kind: DeviceKind,
  name: Type.String(),
  location: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const DeviceBody = Type.Object(
  {
    kind: DeviceKind,
    name: Type.String({ minLength: 1, maxLength: 80 }),
    location: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
