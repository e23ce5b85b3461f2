import { randomUUID } from 'node:crypto';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import pretty from 'pino-pretty';
import accessRoutes from './access/routes.ts';
import adminAccountRoutes from './accounts/admin-routes.ts';
import appointmentAdminRoutes from './appointments/admin-routes.ts';
import appointmentFlowRoutes from './appointments/flow-routes.ts';
import appointmentRoutes from './appointments/routes.ts';
import { appointmentSchemas } from './appointments/schemas.ts';
import accountRoutes from './accounts/routes.ts';
import auditRoutes from './admin/audit-routes.ts';
import queueBoardPlugin from './admin/queue-board.ts';
import cardRoutes from './cards/routes.ts';
import photoRoutes from './cards/photo-routes.ts';
import catalogueRoutes from './catalogue/routes.ts';
import controllerRoutes from './controllers/routes.ts';
import deviceRoutes from './devices/routes.ts';
import { sharedSchemas as catalogueSchemas } from './catalogue/schemas.ts';
import { systemClock, type Clock } from './common/clock.ts';
import { fastifyTrustProxy, type Config } from './config.ts';
import hallRoutes from './hall/routes.ts';
import healthRoutes from './health/routes.ts';
import liveRoutes from './live/routes.ts';
import windowsCachePlugin from './catalogue/windows-cache.ts';
import loanRoutes from './loans/routes.ts';
import noticeRoutes from './notices/routes.ts';
import notificationRoutes from './notifications/routes.ts';
import clerkRoutes from './queue/clerk-routes.ts';
import ticketRoutes from './queue/ticket-routes.ts';
import windowRoutes from './queue/window-routes.ts';
import { Ticket } from './queue/schemas.ts';
import eventsPlugin from './plugins/events.ts';
import jobsPlugin from './plugins/jobs.ts';
import authPlugin from './plugins/auth.ts';
import boundedInputPlugin from './plugins/bounded-input.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin, { sendProblem } from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import redisPlugin from './plugins/redis.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import staticUiPlugin from './plugins/static-ui.ts';
import { Me } from './accounts/schemas.ts';

export const API_VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The hall's now for the hour-bound rules (see common/clock.ts). */
    clock: Clock;
  }
}

/** Feature routes; each declares its permission rule next to itself. Tests may add their own. */
const featureRoutes = [
  healthRoutes,
  hallRoutes,
  catalogueRoutes,
  accountRoutes,
  deviceRoutes,
  cardRoutes,
  photoRoutes,
  accessRoutes,
  controllerRoutes,
  notificationRoutes,
  noticeRoutes,
  ticketRoutes,
  windowRoutes,
  clerkRoutes,
  loanRoutes,
  appointmentFlowRoutes,
  appointmentRoutes,
  appointmentAdminRoutes,
  adminAccountRoutes,
  auditRoutes,
];

/** Above the 60 s idle timeout load balancers commonly use, so they close idle connections first. */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * One logger for the API and the workers: JSON lines for a log collector, or readable one-line
 * entries (pino-pretty) for a person at a terminal. Credentials never reach either.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): FastifyBaseLogger {
  const options = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
  if (config.logFormat === 'json') return pino(options);
  return pino(
    options,
    pretty({
      singleLine: true,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,reqId,statusCode,responseTime',
      // The request id is what a 5xx answer quotes; show it where it helps, on warnings and errors.
      messageFormat: (log, key) => (typeof log.reqId === 'string' && Number(log.level) >= 40 ? `${String(log[key])} (request ${log.reqId})` : String(log[key])),
    }),
  );
}

/** A line per request at debug, not info: at info every phone refresh in the hall scrolls past. Failures keep their level. */
class RequestLogs extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    const ms = Math.round(reply.elapsedTime);
    // The path only: a query string may carry a device token (/kiosk?token=…).
    reply.log.debug({ statusCode: reply.statusCode, responseTime: ms }, `${request.method} ${request.url.split('?')[0]} ${reply.statusCode} ${ms} ms`);
  }
}

export interface BuildOptions {
  /** Extra route plugins (tests use this to prove unprotected routes are refused). */
  extraRoutes?: ((app: FastifyInstance) => Promise<void>)[];
  /** The clock of check-in and the due rule; the system clock unless a test moves its own. */
  clock?: Clock;
}

/** Builds the HTTP app; opens no port. `server.ts` listens, tests use `inject()`. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(config),
    logController: new RequestLogs(),
    // A client has this long to send its whole request (headers and body); idle keep-alive
    // connections close after KEEP_ALIVE_TIMEOUT_MS. Node checks both every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))),
    },
    trustProxy: fastifyTrustProxy(config.trustProxy),
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
  app.decorate('clock', options.clock ?? systemClock);
  await app.register(errorsPlugin);
  await app.register(dbPlugin, { url: config.databaseUrl });
  await app.register(redisPlugin, { url: config.redisUrl, prefix: config.redisPrefix, commandTimeoutMs: config.redisCommandTimeoutMs });
  // Before any route, so every /api route is checked for its access rule and bounded input as it registers.
  await app.register(boundedInputPlugin);
  await app.register(authPlugin);
  await app.register(rateLimitPlugin);
  await app.register(eventsPlugin);
  await app.register(jobsPlugin, { url: config.redisUrl, prefix: config.redisPrefix, commandTimeoutMs: config.redisCommandTimeoutMs });
  await app.register(openapiPlugin, { version: API_VERSION });
  for (const schema of [...catalogueSchemas, Me, Ticket, ...appointmentSchemas]) app.addSchema(schema);
  await app.register(securityHeadersPlugin);
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });

  await app.register(liveRoutes);
  await app.register(windowsCachePlugin);
  for (const routes of featureRoutes) await app.register(routes);
  for (const routes of options.extraRoutes ?? []) await app.register(routes);
  await app.register(queueBoardPlugin);
  if (config.serveUi) await app.register(staticUiPlugin);

  return app;
}
