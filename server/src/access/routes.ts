import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, SerialId, ShortText } from '../common/schemas.ts';
import { changeDorm } from './dorm-change.ts';
import { grantByClerk, revokeByClerk } from './grant-actions.ts';
import { personGrants } from './grant-view.ts';
import { importDormAssignments } from './import-apply.ts';
import { IMPORT_TEMPLATE_HEADER } from './import-parse.ts';
import { findPeople, listBuildings, listDoors, listRooms } from './lookups.ts';
import { DoorView, DormBody, GrantBody, ImportBody, ImportRefused, ImportReport, PersonGrants, PersonHit, RoomView } from './schemas.ts';

/** The door-lock desk (window 24) and admins. */
const lockDesk = allow.roles('lock_clerk', 'admin');
const conflict = { 409: { $ref: 'Problem' } } as const;
const forbidden = { 403: { $ref: 'Problem' } } as const;

/** Door grants: the lock clerk's panel, the dorm change, the bulk import, and the student's own list. */
const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;

  app.get(
    '/api/people/:id/grants',
    {
      config: { access: lockDesk },
      schema: { tags: ['door access'], summary: 'A person’s card, dorm room and door grants with each controller’s progress', params: IdParams, response: { 200: PersonGrants, ...forbidden, ...problemResponses } },
    },
    async (request) => personGrants(app.db, request.params.id, true),
  );

  app.get(
    '/api/me/grants',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['door access'], summary: 'My doors: which, until when, whether each controller has it yet', response: { 200: Type.Union([PersonGrants, Type.Null()]), ...problemResponses } },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      return personId === null ? null : personGrants(app.db, personId, false);
    },
  );

  app.post(
    '/api/lock-grants',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Grant doors to a person’s usable card (or a named card) for a window of time',
        body: GrantBody,
        response: { 201: PersonGrants, ...forbidden, ...conflict, ...problemResponses },
      },
    },
    async (request, reply) => {
      const personId = await grantByClerk(app.db, auditSourceOf(request), request.body);
      return reply.code(201).send(await personGrants(app.db, personId, true));
    },
  );

  app.delete(
    '/api/lock-grants/:id',
    {
      config: { access: lockDesk },
      schema: { tags: ['door access'], summary: 'Revoke one grant: its controller is told to stop letting the card in', params: IdParams, response: { 200: PersonGrants, ...forbidden, ...conflict, ...problemResponses } },
    },
    async (request) => personGrants(app.db, await revokeByClerk(app.db, auditSourceOf(request), request.params.id), true),
  );

  app.post(
    '/api/people/:id/dorm',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Dorm change: end the current room, start the new one, revoke the doors no longer needed and grant the new room’s, in one go',
        params: IdParams,
        body: DormBody,
        response: { 200: PersonGrants, ...forbidden, ...conflict, ...problemResponses },
      },
    },
    async (request) => {
      await changeDorm(app.db, auditSourceOf(request), hallTz, request.params.id, request.body);
      return personGrants(app.db, request.params.id, true);
    },
  );

  app.post(
    '/api/lock-grants/import',
    {
      config: { access: lockDesk },
      // A few thousand rows of CSV; the JSON limit of the rest of the API is far smaller.
      bodyLimit: 2_500_000,
      schema: {
        tags: ['door access'],
        summary: 'Bulk import of dorm assignments from CSV: checked row by row, applied all or nothing; dryRun previews',
        description: `Columns (header row required): ${IMPORT_TEMPLATE_HEADER} — or studentNumber, building, room, validFrom, validTo. Dates YYYY-MM-DD in the hall's zone, validTo inclusive.`,
        body: ImportBody,
        response: { 200: ImportReport, ...forbidden, 422: ImportRefused, ...problemResponses },
      },
    },
    async (request, reply) => {
      const dryRun = request.body.dryRun ?? false;
      const report = await importDormAssignments(app.db, auditSourceOf(request), hallTz, request.body.csv, dryRun);
      if (dryRun || report.errors.length === 0) return report;
      return reply
        .code(422)
        .type('application/problem+json')
        .send({
          type: 'https://campus-desk.dev/problems/import_invalid',
          title: 'The file has faulty rows: nothing was imported',
          status: 422,
          code: 'import_invalid',
          detail: `${report.errors.length} faults`,
          report,
        });
    },
  );

  app.get(
    '/api/lock-desk/people',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Find a person by student/staff number (prefix) or name',
        querystring: Type.Object({ q: ShortText(50), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(PersonHit) }), ...forbidden, ...problemResponses },
      },
    },
    async (request) => ({ items: await findPeople(app.db, request.query.q, request.query.limit ?? 20) }),
  );

  app.get(
    '/api/buildings',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Buildings with doors',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), kind: Type.String() })) }), ...forbidden, ...problemResponses },
      },
    },
    async () => ({ items: await listBuildings(app.db) }),
  );

  app.get(
    '/api/doors',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Doors of a building (or of one of its rooms), with their controller',
        querystring: Type.Object({ buildingId: SerialId, roomId: Type.Optional(SerialId) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(DoorView) }), ...forbidden, ...problemResponses },
      },
    },
    async (request) => ({ items: await listDoors(app.db, request.query) }),
  );

  app.get(
    '/api/rooms',
    {
      config: { access: lockDesk },
      schema: {
        tags: ['door access'],
        summary: 'Dorm rooms of a building with their beds and current occupants',
        querystring: Type.Object({ buildingId: SerialId }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(RoomView) }), ...forbidden, ...problemResponses },
      },
    },
    async (request) => ({ items: await listRooms(app.db, request.query.buildingId) }),
  );
};

export default accessRoutes;
