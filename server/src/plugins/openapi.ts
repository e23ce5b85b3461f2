import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { allow } from '../common/access.ts';
import { Problem } from '../common/problem.ts';
import { operationIdOf, securityOf } from './openapi-operations.ts';

/**
 * The OpenAPI document is generated from the route schemas and served at GET /api/docs. Each
 * operation's `security` is derived from the route's access rule and its `operationId` from its
 * method and path (a route may declare its own), so route files say neither twice.
 */
export default fp(
  async (app, opts: { version: string }) => {
    app.addSchema(Problem);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Campus one-stop service desk API',
          description:
            'Service catalogue, queue, appointments, cards and door access of a university service hall. Errors are application/problem+json with a stable `code`.',
          version: opts.version,
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: '/', description: 'The hall server this document was served from (the API lives under /api)' }],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'cd_session', description: 'Set by POST /api/auth/login' },
            device: { type: 'http', scheme: 'bearer', description: 'Kiosk and display device tokens' },
          },
        },
        tags: [
          { name: 'catalogue', description: 'Windows, services, materials, steps and hours' },
          { name: 'accounts', description: 'Sign-in, sessions, password' },
          { name: 'admin', description: 'Accounts, devices and the audit log (admins)' },
          { name: 'appointments', description: 'Booked appointments: check-in, suspensions after missed ones, closures' },
          { name: 'cards', description: 'Campus cards' },
          { name: 'loans', description: 'Household-card loans of window 8' },
          { name: 'notifications', description: 'In-app notifications' },
          { name: 'queue', description: 'Tickets, window sessions and the clerk’s loop' },
          { name: 'system', description: 'Health and documentation' },
        ],
      },
      transform: ({ schema, url, route }) => {
        const access = route.config?.access;
        const method = [route.method].flat().find((m) => m !== 'HEAD') ?? 'GET';
        return {
          url,
          schema: {
            ...schema,
            operationId: (schema as { operationId?: string }).operationId ?? operationIdOf(method, url),
            ...(access ? { security: securityOf(access) } : {}),
          },
        };
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    app.get('/api/docs', { config: { access: allow.public }, schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
