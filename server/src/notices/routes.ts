import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { activeNotices } from '../live/snapshots.ts';
import { allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, Pagination } from '../common/schemas.ts';
import { changeNotice, createNotice, deleteNotice, listNotices } from './notices.ts';
import { BoardNotice, Notice, NoticeBody, NoticePatch } from './schemas.ts';

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
      return listNotices(app.db, request.query.limit ?? 50, request.query.offset ?? 0);
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
      const notice = await createNotice(app.db, auditSourceOf(request), request.body);
      app.publishEvents();
      return reply.code(201).send(notice);
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
      const notice = await changeNotice(app.db, auditSourceOf(request), request.params.id, request.body);
      app.publishEvents();
      return notice;
    },
  );

  app.delete(
    '/api/admin/notices/:id',
    {
      config: { access: allow.roles('admin') },
      schema: { tags: ['admin'], summary: 'Take a notice off the boards for good', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await deleteNotice(app.db, auditSourceOf(request), request.params.id);
      app.publishEvents();
      return reply.code(204).send(null);
    },
  );
};

export default noticeRoutes;
