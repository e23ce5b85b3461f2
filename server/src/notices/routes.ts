import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { desc, eq, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { lockEventOrder, schema, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { activeNotices } from '../live/snapshots.ts';
import { allow } from '../shared/access.ts';
import { recordAudit } from '../shared/audit.ts';
import { AppError, notFound, problemResponses } from '../shared/problem.ts';
import { BoardNoticeSchema as BoardNotice } from '../client/live/protocol.ts';
import { IdParams, Nullable, Pagination } from '../shared/schemas.ts';

const { notices } = schema;


const Notice = Type.Object({
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
const NoticeBody = Type.Object(fields, { additionalProperties: false });
const NoticePatch = Type.Object({ ...fields, textZh: Type.Optional(fields.textZh) }, { additionalProperties: false, minProperties: 1 });

type Row = typeof notices.$inferSelect;
const toNotice = (n: Row, now = new Date()) => ({
  id: n.id,
  textZh: n.textZh,
  textEn: n.textEn,
  startsAt: n.startsAt.toISOString(),
  endsAt: n.endsAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
  active: n.startsAt <= now && (n.endsAt === null || n.endsAt > now),
});

const blankToNull = (text: string | null | undefined) => (text === undefined ? undefined : text === null || text.trim() === '' ? null : text.trim());

function checkPeriod(startsAt: Date, endsAt: Date | null): void {
  if (endsAt !== null && endsAt <= startsAt) {
    throw new AppError(422, 'notice_ends_before_start', 'A notice must end after it starts');
  }
}

/** Notices not yet ended at once: a board scrolls them all, and every board snapshot carries them whole. */
export const MAX_OPEN_NOTICES = 50;

/**
 * Tells every board: the whole list again, read under the event lock so concurrent edits cannot
 * cross. A change that would leave more than MAX_OPEN_NOTICES not ended is refused (and rolled back).
 */
async function announce(tx: Tx): Promise<void> {
  await lockEventOrder(tx);
  const open = await activeNotices(tx);
  if (open.length > MAX_OPEN_NOTICES) {
    throw new AppError(409, 'too_many_notices', 'Too many notices on the boards', `At most ${MAX_OPEN_NOTICES} notices may be running or scheduled at once; end some first.`);
  }
  await appendEvent(tx, 'notices.changed', { notices: open });
}

/** The line of notices scrolling on the lobby boards: anyone reads them, admins write them. */
const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/notices',
    {
      config: { access: allow.public },
      schema: {
        tags: ['board'],
        summary: 'Notices not yet ended, in the order they start (boards show those already started)',
        querystring: Type.Object({ ...Pagination }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), notices: Type.Array(BoardNotice) }), ...problemResponses },
      },
    },
    async (request) => {
      // The same list the boards get (their snapshot and notices.changed carry it whole); paged here.
      const { limit = 50, offset = 0 } = request.query;
      const all = await activeNotices(app.db);
      return { total: all.length, notices: all.slice(offset, offset + limit) };
    },
  );

  app.get(
    '/api/admin/notices',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Every notice, newest first',
        querystring: Type.Object({ ...Pagination }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), notices: Type.Array(Notice) }), ...problemResponses },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const [rows, [count]] = await Promise.all([
        app.db.select().from(notices).orderBy(desc(notices.createdAt), desc(notices.id)).limit(limit).offset(offset),
        app.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notices),
      ]);
      const now = new Date();
      return { total: count?.n ?? 0, notices: rows.map((n) => toNotice(n, now)) };
    },
  );

  app.post(
    '/api/admin/notices',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Put a notice on the boards',
        body: NoticeBody,
        response: { 201: Notice, 409: { $ref: 'Problem' }, 422: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const startsAt = body.startsAt ? new Date(body.startsAt) : new Date();
      const endsAt = body.endsAt ? new Date(body.endsAt) : null;
      checkPeriod(startsAt, endsAt);
      const actor = request.actor.kind === 'account' ? request.actor.accountId : null;
      const row = await app.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(notices)
          .values({ textZh: body.textZh.trim(), textEn: blankToNull(body.textEn) ?? null, startsAt, endsAt, createdBy: actor })
          .returning();
        await recordAudit(tx, request, { action: 'notice.created', objectType: 'notice', objectId: created!.id, after: toNotice(created!) });
        await announce(tx);
        return created!;
      });
      app.publishEvents();
      return reply.code(201).send(toNotice(row));
    },
  );

  app.patch(
    '/api/admin/notices/:id',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Change a notice’s text or period',
        params: IdParams,
        body: NoticePatch,
        response: { 200: Notice, 409: { $ref: 'Problem' }, 422: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      const body = request.body;
      const row = await app.db.transaction(async (tx) => {
        const [before] = await tx.select().from(notices).where(eq(notices.id, request.params.id)).for('update');
        if (!before) throw notFound('notice');
        const startsAt = body.startsAt ? new Date(body.startsAt) : before.startsAt;
        const endsAt = body.endsAt === undefined ? before.endsAt : body.endsAt === null ? null : new Date(body.endsAt);
        checkPeriod(startsAt, endsAt);
        const textEn = blankToNull(body.textEn);
        const [after] = await tx
          .update(notices)
          .set({ textZh: body.textZh?.trim() ?? before.textZh, textEn: textEn === undefined ? before.textEn : textEn, startsAt, endsAt })
          .where(eq(notices.id, before.id))
          .returning();
        await recordAudit(tx, request, { action: 'notice.changed', objectType: 'notice', objectId: before.id, before: toNotice(before), after: toNotice(after!) });
        await announce(tx);
        return after!;
      });
      app.publishEvents();
      return toNotice(row);
    },
  );

  app.delete(
    '/api/admin/notices/:id',
    {
      config: { access: allow.roles('admin') },
      schema: { tags: ['admin'], summary: 'Take a notice off the boards for good', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const [gone] = await tx.delete(notices).where(eq(notices.id, request.params.id)).returning();
        if (!gone) throw notFound('notice');
        await recordAudit(tx, request, { action: 'notice.deleted', objectType: 'notice', objectId: gone.id, before: toNotice(gone) });
        await announce(tx);
      });
      app.publishEvents();
      return reply.code(204).send(null);
    },
  );
};

export default noticeRoutes;
