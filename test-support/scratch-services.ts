import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Throw-away Postgres and Redis servers of the machine's own binaries, on free ports, for tests that
 * stop and restart a backing service: the shared services other test files use are never touched.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return `/usr/lib/postgresql/${versions.at(-1)}/bin/${name}`;
}

/** Postgres refuses to run as root; run its tools as the `postgres` user when we are root. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function run(cmd: string, args: string[]): void {
  const [c, a] = asPostgres(cmd, args);
  const result = spawnSync(c, a, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export interface ScratchPostgres {
  url: string;
  start(): void;
  stop(): void;
  /** `pg_ctl restart -m fast`, as an operator would; resolves once it accepts connections again. Does not block the event loop. */
  restart(): Promise<void>;
  destroy(): void;
}

export async function scratchPostgres(): Promise<ScratchPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pg: ScratchPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => run(pgBin('pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']),
    stop: () => run(pgBin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
    restart: () =>
      new Promise<void>((resolve, reject) => {
        const [c, a] = asPostgres(pgBin('pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-m', 'fast', '-w', 'restart']);
        execFile(c, a, (err, stdout, stderr) => (err ? reject(new Error(`pg_ctl restart failed: ${stderr || stdout}`)) : resolve()));
      }),
    destroy: () => {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}

export interface ScratchRedis {
  url: string;
  start(): Promise<void>;
  stop(): void;
}

export async function scratchRedis(): Promise<ScratchRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      for (let i = 0; i < 50; i++) {
        if (await canConnect(port)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('scratch redis did not start');
    },
    stop() {
      child?.kill('SIGKILL');
      child = undefined;
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
