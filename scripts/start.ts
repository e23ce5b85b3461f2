// npm start / start:api / start:worker: set up what is missing, then run the process until a signal.
// By default this runs twice: as a small supervisor, and as its child that does the work (SUPERVISE=false: once).
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, startProcess, type Config, type ProcessRole } from '../server/src/index.ts';
import { createLogger } from '../server/src/app.ts';
import { PreflightError } from '../server/src/preflight.ts';
import { guardUncaughtErrors } from '../server/src/server.ts';
import { READY_MESSAGE, SUPERVISED_ENV, supervise } from './supervisor.ts';
import { ensureUiBuilt } from './ui-build.ts';

const role = (process.argv[2] ?? 'all') as ProcessRole;
if (!['all', 'api', 'worker'].includes(role)) {
  console.error(`Unknown role "${role}": use all, api or worker`);
  process.exit(2);
}

function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof PreflightError) {
    console.error(`campus-desk: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}

/** The process itself: API, workers or both, until SIGINT or SIGTERM. */
async function run(config: Config): Promise<void> {
  guardUncaughtErrors(createLogger(config));
  if (role !== 'worker' && config.serveUi) ensureUiBuilt();

  // Listening before start-up finishes: a signal that arrives while the workers are still starting
  // (the API may already answer) waits for them, then shuts down cleanly, instead of killing the process.
  const started: { process?: Awaited<ReturnType<typeof startProcess>> } = {};
  let asked: string | null = null;
  let stopping = false;
  const shutdown = (signal: string) => {
    const running = started.process;
    if (!running) {
      asked ??= signal;
      return;
    }
    // A terminal's Ctrl-C reaches the supervisor and this process alike; the second copy changes nothing.
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: draining requests, closing sockets, workers and pools…`);
    const force = setTimeout(() => {
      console.error('Shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  started.process = await startProcess(config, role);
  process.send?.(READY_MESSAGE);
  if (asked) shutdown(asked);
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  fail(err);
}

if (process.env[SUPERVISED_ENV] === '1' || !config.supervise) {
  run(config).catch(fail);
} else {
  // Node with the same loader flags (tsx), this very script, the same role.
  const code = await supervise({ command: process.execPath, args: [...process.execArgv, fileURLToPath(import.meta.url), role] });
  process.exit(code);
}
