import net from 'node:net';
import type { DbHandle } from '@campus/db';
import { serverEnv } from './hall.ts';
import { SERVER_CPU, startProcess, type Proc } from './processes.ts';

export interface Api extends Proc {
  url: string;
}

/** What every scenario gets: the bench database, durations, and ways to start processes. */
export interface BenchContext {
  handle: DbHandle;
  hallTz: string;
  /** Runs per figure (the median is reported). */
  runs: number;
  /** Seconds per measurement. */
  seconds: number;
  /** A short smoke run: fewer sockets and tickets, for checking the harness itself. */
  quick: boolean;
  log(line: string): void;
  startApi(options?: { cpu?: string | null; env?: Record<string, string> }): Promise<Api>;
  startWorker(options?: { cpu?: string | null; env?: Record<string, string> }): Promise<Proc>;
  startBaseline(entry: string, args: string[], options?: { cpu?: string | null; env?: Record<string, string> }): Promise<Api>;
  /** Stopped at the end of the scenario, whatever happens. */
  track<T extends Proc>(proc: T): T;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function makeContext(base: Omit<BenchContext, 'startApi' | 'startWorker' | 'startBaseline' | 'track'>, tracked: Proc[]): BenchContext {
  const track = <T extends Proc>(proc: T) => {
    tracked.push(proc);
    return proc;
  };
  return {
    ...base,
    track,
    async startApi(options = {}) {
      const port = await freePort();
      const proc = await startProcess('scripts/start.ts', ['api'], {
        env: serverEnv(port, options.env),
        cpu: options.cpu === undefined ? SERVER_CPU : options.cpu,
        ready: /listening on/,
      });
      return track({ ...proc, url: `http://127.0.0.1:${port}` });
    },
    async startWorker(options = {}) {
      const proc = await startProcess('scripts/start.ts', ['worker'], {
        env: serverEnv(0, options.env),
        cpu: options.cpu === undefined ? SERVER_CPU : options.cpu,
        ready: /worker \S+ started/,
      });
      return track(proc);
    },
    async startBaseline(entry, args, options = {}) {
      const port = await freePort();
      const proc = await startProcess(entry, [String(port), ...args], {
        env: { DATABASE_URL: serverEnv(port).DATABASE_URL!, ...options.env },
        cpu: options.cpu === undefined ? SERVER_CPU : options.cpu,
        ready: /baseline ready/,
      });
      return track({ ...proc, url: `http://127.0.0.1:${port}` });
    },
  };
}
