import { Type } from 'typebox';

/** Serial ids: positive 32-bit integers; anything else is a 400, never a database error. */
export const SerialId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: SerialId }, { additionalProperties: false });

/** Search text and other short free text in query strings. */
export const ShortText = (maxLength = 100) => Type.String({ minLength: 0, maxLength });

export const Pagination = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
};

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
