import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { hashToken, newToken, schema } from '@campus/db';
import { allow } from '../shared/access.ts';
import { recordAudit } from '../shared/audit.ts';
import { AppError, notFound, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable, Pagination } from '../shared/schemas.ts';

const { devices } = schema;

const DeviceItem = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display')]),
  name: Type.String(),
  location: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

const toItem = (d: typeof devices.$inferSelect) => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  location: d.location,
  createdAt: d.createdAt.toISOString(),
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

/** Kiosks and lobby displays: registered by an admin, each with a long random bearer token shown once. */
const adminDeviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const [rows, [count]] = await Promise.all([
        app.db.select().from(devices).orderBy(asc(devices.id)).limit(limit).offset(offset),
        app.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(devices),
      ]);
      return { total: count?.n ?? 0, items: rows.map(toItem) };
    },
  );

  app.post(
    '/api/admin/devices',
    {
      config: { access: allow.roles('admin') },
      schema: {
        tags: ['admin'],
        summary: 'Register a kiosk or display; the token is returned only this once',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display')]),
            name: Type.String({ minLength: 1, maxLength: 80 }),
            location: Type.Optional(Type.String({ maxLength: 120 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ device: DeviceItem, token: Type.String() }), 409: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const token = newToken(32);
      const device = await app.db.transaction(async (tx) => {
        const [clash] = await tx.select({ id: devices.id }).from(devices).where(and(eq(devices.name, request.body.name), isNull(devices.revokedAt)));
        if (clash) throw new AppError(409, 'device_name_taken', 'A live device already has this name');
        const [row] = await tx
          .insert(devices)
          .values({ kind: request.body.kind, name: request.body.name, location: request.body.location ?? null, tokenHash: hashToken(token) })
          .returning();
        await recordAudit(tx, request, { action: 'device.registered', objectType: 'device', objectId: row!.id, after: { kind: row!.kind, name: row!.name } });
        return row!;
      });
      return reply.code(201).send({ device: toItem(device), token });
    },
  );

  app.delete(
    '/api/admin/devices/:id',
    {
      config: { access: allow.roles('admin') },
      schema: { tags: ['admin'], summary: 'Revoke a device token: refused from the very next request, in every process', params: IdParams, response: { 204: { type: 'null' }, ...problemResponses } },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const [row] = await tx
          .update(devices)
          .set({ revokedAt: new Date() })
          .where(and(eq(devices.id, request.params.id), isNull(devices.revokedAt)))
          .returning({ id: devices.id, name: devices.name });
        if (!row) throw notFound('device', 'No live device with this id');
        await recordAudit(tx, request, { action: 'device.revoked', objectType: 'device', objectId: row.id, after: { name: row.name } });
      });
      return reply.code(204).send(null);
    },
  );
};

export default adminDeviceRoutes;
