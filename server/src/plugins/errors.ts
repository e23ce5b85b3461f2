import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type Problem } from '../common/problem.ts';
import { isUnavailable } from '../common/unavailable.ts';

const PROBLEM_TYPE = 'https://campus-desk.dev/problems/';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'type' | 'instance'>) {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({ type: `${PROBLEM_TYPE}${problem.code}`, instance: request.url.slice(0, 300), ...problem });
}

/** Fastify's own client errors, mapped to stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_NOT_FOUND: 'route_not_found',
};

/**
 * The one error handler: expected errors carry a stable code; anything unexpected is logged with the
 * request id and answered with a generic 500 whose text reveals nothing.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return sendProblem(reply, request, {
          status: error.status,
          code: error.code,
          title: error.title,
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.reason ? { reason: error.reason } : {}),
          ...error.extra,
        });
      }
      if (error.validation) {
        const where = error.validationContext ?? 'request';
        return sendProblem(reply, request, {
          status: 400,
          code: 'validation_failed',
          title: 'The request is not valid',
          detail: `${where}: ${error.message}`,
          errors: error.validation.map((v) => ({
            path: `${where}${v.instancePath || (typeof v.params?.missingProperty === 'string' ? `/${v.params.missingProperty}` : '')}`,
            message: v.message ?? 'is invalid',
          })),
        });
      }
      const pgCode = databaseCode(error);
      if (pgCode === '23505' || pgCode === '23P01') {
        // A uniqueness rule caught a race the handler's own check could not: a conflict, not a crash.
        return sendProblem(reply, request, { status: 409, code: 'conflict', title: 'This conflicts with something that already exists' });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return sendProblem(reply, request, {
          status,
          code: FASTIFY_CODES[error.code] ?? (status === 429 ? 'rate_limited' : 'bad_request'),
          title: error.message,
        });
      }
      const unavailable = isUnavailable(error);
      // A backing service going away (a restart) is an outage to report, not a bug to chase.
      if (unavailable) request.log.warn({ err: error }, 'backing service unavailable');
      else request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, {
        status: unavailable ? 503 : 500,
        code: unavailable ? 'service_unavailable' : 'internal_error',
        title: unavailable ? 'A backing service is unavailable; try again shortly' : 'Something went wrong on our side',
        detail: `Request id ${request.id}`,
      });
    });

    app.setNotFoundHandler((request, reply) => {
      if (app.hasDecorator('uiFallback') && app.uiFallback(request, reply)) return reply;
      return sendProblem(reply, request, {
        status: 404,
        code: 'route_not_found',
        title: 'No such route',
        detail: `${request.method} ${request.url.split('?')[0]!.slice(0, 300)}`,
      });
    });
  },
  { name: 'errors' },
);

/** drizzle wraps the driver's error; the Postgres SQLSTATE is on it or on its cause. */
function databaseCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return typeof e.cause?.code === 'string' ? e.cause.code : undefined;
}
