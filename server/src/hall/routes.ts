import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { allow } from '../common/access.ts';

const Hall = Type.Object({
  timeZone: Type.String({ description: 'IANA zone of the hall (HALL_TZ): opening hours, hall days and displayed times follow it' }),
  now: Type.String({ format: 'date-time', description: 'The server’s clock, with the hall’s offset' }),
});

/** What both UIs need before they show a time: the hall's zone. Public and cheap (no query). */
const hallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/hall',
    {
      config: { access: allow.public },
      schema: { tags: ['system'], summary: 'The hall’s time zone and the server’s clock', response: { 200: Hall } },
    },
    async (_request, reply) => {
      const timeZone = app.config.hallTz;
      return reply.header('cache-control', 'no-store').send({ timeZone, now: DateTime.now().setZone(timeZone).toISO({ suppressMilliseconds: true })! });
    },
  );
};

export default hallRoutes;
