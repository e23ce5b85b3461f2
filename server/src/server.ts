import { createDb, ensureDatabase, runMigrations } from '@campus/db';
import { catalogue, seedCatalogue, seedDemo, type DemoAccountInfo } from '@campus/db/seed';
import { startWorkers, type RunningWorkers } from '@campus/jobs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { checkBackingServices } from './preflight.ts';

/** `all` runs everything in one process (npm start); `api` and `worker` run apart to scale out. */
export type ProcessRole = 'all' | 'api' | 'worker';

export interface RunningProcess {
  app?: FastifyInstance;
  workers?: RunningWorkers;
  url?: string;
  stop(): Promise<void>;
}

/** Creates the database if missing, migrates and seeds. Safe to run from several processes at once. */
export async function prepareDatabase(config: Config): Promise<DemoAccountInfo[]> {
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  const handle = createDb(config.databaseUrl, { max: 2, applicationName: 'campus-desk-seed' });
  try {
    await seedCatalogue(handle.db, catalogue);
    if (!config.demoSeed) return [];
    return await seedDemo(handle.db, {
      controllerSimulatorUrl: config.controllerSimulatorUrl,
      production: config.nodeEnv === 'production',
    });
  } finally {
    await handle.close();
  }
}

export async function startProcess(config: Config, role: ProcessRole, log: (line: string) => void = console.log): Promise<RunningProcess> {
  await checkBackingServices(config.databaseUrl, config.redisUrl);

  let app: FastifyInstance | undefined;
  let workers: RunningWorkers | undefined;
  let url: string | undefined;
  if (role !== 'worker') {
    const demo = await prepareDatabase(config);
    app = await buildApp(config);
    url = await app.listen({ host: config.host, port: config.port });
    log(`Campus desk ${role === 'all' ? 'API, UIs and workers' : 'API'} listening on ${url.replace('0.0.0.0', 'localhost')}`);
    if (demo.length > 0) log(demoBanner(demo));
  }
  if (role !== 'api') {
    workers = await startWorkers({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      databaseUrl: config.databaseUrl,
      hallTz: config.hallTz,
      log: app?.log ?? { info: () => {}, error: (obj, msg) => console.error(msg, obj) },
    });
    if (role === 'worker') log(`Campus desk worker ${workers.workerId} started`);
  }

  return {
    ...(app ? { app } : {}),
    ...(workers ? { workers } : {}),
    ...(url ? { url } : {}),
    // Stop taking requests and drain them, close sockets, then workers finish their jobs, then pools.
    async stop() {
      await app?.close();
      await workers?.close();
    },
  };
}

function demoBanner(accounts: DemoAccountInfo[]): string {
  const clerks = accounts.filter((a) => a.role.includes('clerk'));
  const lines = [
    'Demo accounts (password demo1234 for all; turn off with DEMO_SEED=false):',
    `  admin            administrator`,
    `  clerk01 … clerk25 one per window (${clerks.map((c) => c.username.slice(5)).join(', ')}); 20–23 and 25 also card clerks, 24 lock clerk`,
    `  S0001 … S0050    students with campus cards and dorm rooms`,
    '  Devices: kiosk token demo-kiosk, lobby display token demo-display',
  ];
  return lines.join('\n');
}
