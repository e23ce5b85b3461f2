import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, Pagination } from '../common/schemas.ts';
import { deviceSelf, listDevices, registerDevice, revokeDevice } from './devices.ts';
import { DeviceBody, DeviceItem, DeviceSelf } from './schemas.ts';

/**
 * Kiosks and lobby displays: a device asks who it is (and learns at once when its token was
 * revoked); admins register them, each with a long random bearer token shown once, and revoke them.
 */
const deviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/device',
    {
      config: { access: allow.devices('kiosk', 'display') },
      schema: {
        tags: ['accounts'],
        summary: 'The calling device (Bearer token): kind, name, location',
        security: [{ device: [] }],
        response: { 200: DeviceSelf, ...problemResponses },
      },
    },
    async (request) => deviceSelf(app.db, (request.actor as Extract<typeof request.actor, { kind: 'device' }>).deviceId),
  );

  app.get(
    '/api/admin/devices',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Registered kiosks and displays, in the order they were registered',
        querystring: Type.Object({ ...Pagination }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(DeviceItem) }), ...problemResponses },
      },
    },
    async (request) => listDevices(app.db, request.query.limit ?? 50, request.query.offset ?? 0),
  );

  app.post(
    '/api/admin/devices',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Register a kiosk or display; the token is returned only this once',
        body: DeviceBody,
        response: { 201: Type.Object({ device: DeviceItem, token: Type.String() }), 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await registerDevice(app.db, auditSourceOf(request), request.body)),
  );

  app.delete(
    '/api/admin/devices/:id',
    {
      config: { access: allow.roles('admin') },
      schema: { tags: ['admin'], summary: 'Revoke a device token: refused from the very next request, in every process', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await revokeDevice(app.db, auditSourceOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default deviceRoutes;
