// npm start / start:api / start:worker: set up what is missing, then run the process until a signal.
import { ConfigError, loadConfig, startProcess, type ProcessRole } from '../server/src/index.ts';
import { PreflightError } from '../server/src/preflight.ts';
import { ensureUiBuilt } from './ui-build.ts';

const role = (process.argv[2] ?? 'all') as ProcessRole;
if (!['all', 'api', 'worker'].includes(role)) {
  console.error(`Unknown role "${role}": use all, api or worker`);
  process.exit(2);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (role !== 'worker' && config.serveUi) ensureUiBuilt();
  const running = await startProcess(config, role);

  let stopping = false;
  const shutdown = (signal: string) => {
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
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PreflightError) {
    console.error(`campus-desk: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
