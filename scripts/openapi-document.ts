import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';

/**
 * The API's OpenAPI document as the running server serves it at GET /api/docs, produced by
 * building the app in-process (no port, no UI, no query to Postgres). The desk-ui client types
 * are generated from it and the linter checks it.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      SERVE_UI: 'false',
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
