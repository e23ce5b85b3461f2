import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { allow } from '../common/access.ts';
import { problemResponses } from '../common/problem.ts';
import { FamilyList, MachineList, ServiceDetail, ServiceList, ServiceParams, ServiceQuery, WindowList } from './schemas.ts';
import { listFamilies, listMachines } from './hall-lists.ts';
import { getServiceDetail } from './service-detail.ts';
import { searchServices } from './service-search.ts';
import { hallNow, hallNowIso } from './window-queries.ts';

/** The list alone, serialized by the same schema as the answer, then cut out of its object. */
const WindowsOnly = Type.Object({ windows: WindowList.properties.windows });
const WINDOWS_KEY = '{"windows":';

/** Public catalogue: anyone may read it, signed in or not. */
const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;
  let answer: { windows: string; iso: string; bytes: Buffer } | null = null;
  app.get(
    '/api/windows',
    {
      config: { access: allow.public },
      schema: {
        tags: ['catalogue'],
        summary: 'All windows with their hours and whether each is open now',
        response: { 200: WindowList, ...problemResponses },
      },
    },
    async (_request, reply) => {
      // Every phone, kiosk and TV reads this: the list comes from the cache, already serialized,
      // and the whole answer is kept as UTF-8 bytes for the second its clock reads. Sending the
      // string instead cost two passes over its 47 KB of mostly Chinese text per answer (its
      // byte length, then its encoding): two thirds of the request's CPU in a profile.
      const now = Date.now();
      const windows = await app.windowsCache.json(now, (list) => reply.serializeInput({ windows: list }, WindowsOnly as unknown as Record<string, unknown>).slice(WINDOWS_KEY.length, -1));
      const iso = hallNowIso(hallTz, now);
      if (answer?.windows !== windows || answer.iso !== iso) {
        answer = { windows, iso, bytes: Buffer.from(`{"timeZone":${JSON.stringify(hallTz)},"now":${JSON.stringify(iso)},"windows":${windows}}`) };
      }
      reply.type('application/json; charset=utf-8');
      return answer.bytes;
    },
  );

  app.get(
    '/api/families',
    {
      config: { access: allow.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Window families (student affairs, household, academic, card center, …) with their windows',
        response: { 200: FamilyList, ...problemResponses },
      },
    },
    async () => ({ families: await listFamilies(app.db) }),
  );

  app.get(
    '/api/services',
    {
      config: { access: allow.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Find services',
        description:
          'Keyword search that works for Chinese (substring and trigram matching; exact keyword hits rank first). Filter by family or window number.',
        querystring: ServiceQuery,
        response: { 200: ServiceList, ...problemResponses },
      },
    },
    async (request) => searchServices(app.db, request.query),
  );

  app.get(
    '/api/services/:id',
    {
      config: { access: allow.public },
      schema: {
        tags: ['catalogue'],
        summary: 'One service: materials per applicant type, steps, fee, hours, windows, online alternative',
        params: ServiceParams,
        response: { 200: ServiceDetail, ...problemResponses },
      },
    },
    async (request) => getServiceDetail(app.db, request.params.id, hallTz, hallNow(hallTz)),
  );

  app.get(
    '/api/self-service-machines',
    {
      config: { access: allow.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Self-service machines in and around the hall (information only)',
        response: { 200: MachineList, ...problemResponses },
      },
    },
    async () => ({ machines: await listMachines(app.db) }),
  );
};

export default catalogueRoutes;
