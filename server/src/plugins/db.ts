import fp from 'fastify-plugin';
import { createDb, type Db, type DbHandle } from '@campus/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    pg: DbHandle;
  }
}

interface DbPluginOptions {
  url: string;
}

/** One postgres-js pool per process; closed when the app closes. */
export default fp<DbPluginOptions>(
  async (app, opts) => {
    const handle = createDb(opts.url, { connectTimeout: 2, applicationName: 'campus-desk-api' });
    app.decorate('pg', handle);
    app.decorate('db', handle.db);
    app.addHook('onClose', async () => {
      await handle.close();
    });
  },
  { name: 'db' },
);
