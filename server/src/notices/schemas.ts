import { Type, type Static } from 'typebox';
import { BoardNoticeSchema as BoardNotice } from '../client/live/protocol.ts';
import { Nullable } from '../common/schemas.ts';

/** What a board shows of a notice: the live protocol's schema, one definition for the server and the UIs. */
export { BoardNotice };

export const Notice = Type.Object({
  ...BoardNotice.properties,
  createdAt: Type.String({ format: 'date-time' }),
  active: Type.Boolean({ description: 'On the boards now: started and not ended' }),
});

const fields = {
  textZh: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'The line the boards scroll, in Chinese' }),
  textEn: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
  endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'Null: until removed' }))),
};
export const NoticeBody = Type.Object(fields, { additionalProperties: false });
export const NoticePatch = Type.Object({ ...fields, textZh: Type.Optional(fields.textZh) }, { additionalProperties: false, minProperties: 1 });

export type NoticeInput = Static<typeof NoticeBody>;
export type NoticeChange = Static<typeof NoticePatch>;
