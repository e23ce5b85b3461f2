import { createDb, ensureDatabase, runMigrations, sealControllerSecrets } from '@campus/db';
import { catalogue, DEMO_CONTROLLERS, demoControllerEndpoint, seedCatalogue, seedDemo, type DemoAccountInfo } from '@campus/db/seed';
import { startSimulator, startWorkers, type RunningSimulator, type RunningWorkers } from '@campus/jobs';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp, createLogger } from './app.ts';
import type { Config } from './config.ts';
import { checkBackingServices } from './preflight.ts';
import { generateSlots, msUntilNextDailyRun } from './appointments/slot-generation.ts';

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
    // Controller secrets stored in clear by an older version are sealed under CONTROLLER_SECRET_KEY.
    await sealControllerSecrets(handle.db, config.controllerSecretKey);
    await seedCatalogue(handle.db, catalogue);
    const demo = config.demoSeed
      ? await seedDemo(handle.db, {
          controllerSimulatorUrl: config.controllerSimulatorUrl,
          production: config.nodeEnv === 'production',
          controllerSecretKey: config.controllerSecretKey,
        })
      : [];
    // Bookable slots for today … the booking horizon, so a fresh start can be booked at once.
    await generateSlots(handle.db, config.hallTz);
    return demo;
  } finally {
    await handle.close();
  }
}

export async function startProcess(config: Config, role: ProcessRole, log: (line: string) => void = console.log): Promise<RunningProcess> {
  await checkBackingServices(config.databaseUrl, config.redisUrl);
  if (config.controllerSecretKeyIsDefault && config.nodeEnv === 'production') {
    log(
      '!!! WARNING: CONTROLLER_SECRET_KEY is not set: the door controllers\' secrets are sealed with the published development key.\n' +
        '!!! Anyone with a database copy can open them. Set CONTROLLER_SECRET_KEY (openssl rand -hex 32) before real controllers are added.',
    );
  }

  let simulators: RunningSimulator[] = [];
  let app: FastifyInstance | undefined;
  let workers: RunningWorkers | undefined;
  let url: string | undefined;
  let dailySlots: { stop(): void } | undefined;
  if (role !== 'worker') {
    const demo = await prepareDatabase(config);
    app = await buildApp(config);
    url = await app.listen({ host: config.host, port: config.port });
    const shown = url.replace('0.0.0.0', 'localhost');
    log(`Campus desk ${role === 'all' ? 'API, UIs and workers' : 'API'} listening on ${shown} (pid ${process.pid})`);
    if (demo.length > 0) log(demoBanner(demo));
    dailySlots = scheduleDailySlots(app, config.hallTz);
    log(addressList(shown, { serveUi: config.serveUi, demoSeed: config.demoSeed }));
    if (role === 'all' && config.demoSeed && config.controllerSimulators) simulators = await startDemoSimulators(config, log);
  }
  if (role !== 'api') {
    workers = await startWorkers({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      databaseUrl: config.databaseUrl,
      hallTz: config.hallTz,
      retention: { ...config.retention, sessionIdleMinutes: config.auth.sessionIdleMinutes },
      controllerSecretKey: config.controllerSecretKey,
      reconcileEverySeconds: config.doors.reconcileEverySeconds,
      doors: {
        attempts: config.doors.pushAttempts,
        backoffMs: config.doors.backoffMs,
        backoffMaxMs: config.doors.backoffMaxMs,
        pushTimeoutMs: config.doors.pushTimeoutMs,
      },
      log: app?.log ?? createLogger(config),
    });
    if (role === 'worker') log(`Campus desk worker ${workers.workerId} started (pid ${process.pid})`);
  }

  return {
    ...(app ? { app } : {}),
    ...(workers ? { workers } : {}),
    ...(url ? { url } : {}),
    // Stop taking requests and drain them, close sockets, then workers finish their jobs, then pools.
    async stop() {
      dailySlots?.stop();
      await app?.close();
      await workers?.close();
      await Promise.all(simulators.map((sim) => sim.close()));
    },
  };
}

/**
 * The demo's door controllers, one simulator each on its own port (CONTROLLER_SIM_URL's port and the
 * next), each address on its own line. A port already taken (another checkout running) is reported
 * and skipped: the pushes to it wait and retry.
 */
async function startDemoSimulators(config: Config, log: (line: string) => void): Promise<RunningSimulator[]> {
  const running: RunningSimulator[] = [];
  for (const [index, c] of DEMO_CONTROLLERS.entries()) {
    const { base, endpoint } = demoControllerEndpoint(config.controllerSimulatorUrl, index);
    const url = new URL(base);
    try {
      running.push(await startSimulator({ host: url.hostname, port: Number(url.port), controllers: [{ code: c.code, secret: c.secret }] }));
      log(`Door controller simulator ${c.code}: ${endpoint}/state`);
    } catch (err) {
      log(`Door controller simulator ${c.code} not started (${(err as Error).message}); set CONTROLLER_SIM_URL to another port`);
    }
  }
  return running;
}

/**
 * Each API process extends the slots by the day that entered the booking horizon, at 00:05 hall
 * time. The upsert is idempotent, so several processes doing it is harmless.
 */
function scheduleDailySlots(app: FastifyInstance, hallTz: string): { stop(): void } {
  let timer: NodeJS.Timeout;
  const next = () => {
    timer = setTimeout(() => {
      generateSlots(app.db, hallTz).then(
        (n) => app.log.info(`appointment slots generated (${n})`),
        (err: unknown) => app.log.error({ err }, 'generating appointment slots failed'),
      );
      next();
    }, msUntilNextDailyRun(hallTz) + 1000);
    timer.unref();
  };
  next();
  return { stop: () => clearTimeout(timer) };
}

/** The pages a person opens first, printed once the API is up. */
export function addressList(base: string, { serveUi, demoSeed }: { serveUi: boolean; demoSeed: boolean }): string {
  const pages: [string, string][] = serveUi
    ? [
        ['finder', '/'],
        ['kiosk', demoSeed ? '/kiosk?token=demo-kiosk' : '/kiosk?token=… (a kiosk token from /admin/devices)'],
        ['desk', '/desk'],
        ['board', '/board'],
        ['admin', '/admin'],
      ]
    : [];
  pages.push(['API docs', '/api/docs'], ['health', '/api/health']);
  const width = Math.max(...pages.map(([name]) => name.length));
  return [
    serveUi ? 'Open:' : 'Open (the UIs are not served by this process: SERVE_UI=false):',
    ...pages.map(([name, path]) => `  ${name.padEnd(width)}  ${base}${path}`),
  ].join('\n');
}

/** True for an error thrown by the Postgres driver's own code (its frame on top), not by ours. */
export function isDriverError(err: unknown): boolean {
  if (!(err instanceof Error) || typeof err.stack !== 'string') return false;
  const top = err.stack.split('\n').find((line) => line.trimStart().startsWith('at '));
  return top !== undefined && /[\\/]node_modules[\\/]postgres[\\/]/.test(top);
}

/**
 * What a process does with an error nothing caught. The Postgres driver can throw from its own
 * timers when a connection dies (patches/ fixes the known case); that leaves our state intact, so
 * the process logs it loudly and carries on. Anything else may have left the process half-done:
 * it exits, and the supervisor starts a fresh one at once.
 */
export function guardUncaughtErrors(logger: FastifyBaseLogger): void {
  process.on('uncaughtException', (err, origin) => {
    if (isDriverError(err)) {
      logger.fatal({ err, origin }, 'The Postgres driver failed outside any query; carrying on (its pending queries failed). Report this if it repeats.');
      return;
    }
    logger.fatal({ err, origin }, 'Uncaught error: exiting (the supervisor restarts the process)');
    process.exit(1);
  });
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
