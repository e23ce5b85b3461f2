import path from 'node:path';
import { BENCH_DB_URL } from './hall.ts';
import { LOAD_CPU, root, runCommand } from './processes.ts';

/** Runs a pgbench script against the bench database for `seconds` with `clients`; answers its tps. */
export async function pgbench(script: string, clients: number, seconds: number, variables: Record<string, string | number> = {}): Promise<number> {
  const url = new URL(BENCH_DB_URL);
  const out = await runCommand(
    [
      'pgbench',
      '-n',
      '-h', url.hostname,
      '-p', url.port || '5432',
      '-U', decodeURIComponent(url.username || 'postgres'),
      '-c', String(clients),
      '-j', '1',
      '-T', String(seconds),
      '-f', path.join(root, 'bench/pgbench', script),
      ...Object.entries(variables).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      url.pathname.slice(1),
    ],
    { cpu: LOAD_CPU },
  );
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  const failed = /number of failed transactions: (\d+)/.exec(out)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
  if (failed && Number(failed) > 0) throw new Error(`pgbench: ${failed} failed transactions`);
  return Number(tps);
}
