import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { allow } from '../shared/access.ts';
import { problemResponses } from '../shared/problem.ts';
import { Nullable } from '../shared/schemas.ts';

/** A kiosk or lobby display asks who it is (and learns at once when its token was revoked). */
const deviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/device',
    {
      config: { access: allow.devices('kiosk', 'display') },
      schema: {
        tags: ['accounts'],
        summary: 'The calling device (Bearer token): kind, name, location',
        security: [{ device: [] }],
        response: {
          200: Type.Object({
            id: Type.Integer(),
            kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display')]),
            name: Type.String(),
            location: Nullable(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = request.actor as Extract<typeof request.actor, { kind: 'device' }>;
      const [device] = await app.db
        .select({ id: schema.devices.id, kind: schema.devices.kind, name: schema.devices.name, location: schema.devices.location })
        .from(schema.devices)
        .where(eq(schema.devices.id, actor.deviceId));
      return device!;
    },
  );
};

export default deviceRoutes;
