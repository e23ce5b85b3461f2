import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import catalogueRoutes from './catalogue/routes.ts';
import type { Config } from './config.ts';
import healthRoutes from './health/routes.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin, { sendProblem } from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import redisPlugin from './plugins/redis.ts';
import staticUiPlugin from './plugins/static-ui.ts';
import { sharedSchemas as catalogueSchemas } from './catalogue/schemas.ts';

export const API_VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Builds the HTTP app; opens no port. `server.ts` listens, tests use `inject()`. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.trustProxy,
    // JSON bodies of this API are small; anything bigger is refused before parsing.
    bodyLimit: 64 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Bad URLs and over-long path parameters are refused before routing: answer them as problems too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, request, {
        status: error.statusCode ?? 400,
        code: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_url',
        title: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is malformed',
      });
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  await app.register(errorsPlugin);
  await app.register(openapiPlugin, { version: API_VERSION });
  for (const schema of catalogueSchemas) app.addSchema(schema);
  await app.register(helmet, {
    // The CSP for the UIs arrives with the accounts and security slice.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(dbPlugin, { url: config.databaseUrl });
  await app.register(redisPlugin, { url: config.redisUrl, prefix: config.redisPrefix });
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });

  await app.register(healthRoutes);
  await app.register(catalogueRoutes, { hallTz: config.hallTz });
  if (config.serveUi) await app.register(staticUiPlugin);

  return app;
}
