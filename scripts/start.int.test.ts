import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, withDatabase } from '@campus/db';
import { TEST_PG_URL, TEST_REDIS_URL } from '../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../test-support/redis.ts';
import { freePort } from '../test-support/scratch-services.ts';
import { ensureUiBuilt } from './ui-build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <script>` the way a person would, with extra environment. */
function npm(script: string, env: Record<string, string>, untilOutput?: RegExp) {
  return run('npm', ['run', '--silent', script], env, untilOutput);
}

function run(command: string, args: string[], env: Record<string, string>, untilOutput?: RegExp) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', CAMPUS_DESK_SKIP_INSTALL: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const output = () => ({ stdout, stderr });
  const ready = untilOutput
    ? new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (untilOutput.test(stdout)) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
        void exited.then((r) => {
          clearInterval(timer);
          reject(new Error(`exited early (${r.code}): ${r.stderr || r.stdout}`));
        });
      })
    : Promise.resolve();
  return { child, exited, ready, output };
}

/** Lines a person would read: npm's own config warnings are not ours. */
const ownLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));

describe('npm start', () => {
  it('exits non-zero with one clear line when Redis is down', async () => {
    const port = await freePort();
    const { exited } = npm('start', { REDIS_URL: `redis://127.0.0.1:${port}`, PORT: '0' });
    const result = await exited;
    expect(result.code).not.toBe(0);
    const lines = ownLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`Redis is not reachable at 127\\.0\\.0\\.1:${port} .*Start it with: redis-server`));
  });

  it('exits non-zero with one clear line when Postgres is down', async () => {
    const port = await freePort();
    const result = await npm('start:api', { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/campus_desk`, PORT: '0' }).exited;
    expect(result.code).not.toBe(0);
    const lines = ownLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`Postgres is not reachable at 127\\.0\\.0\\.1:${port} .*pg_ctlcluster`));
  });

  it('refuses a bad configuration value with a message naming it', async () => {
    const result = await npm('start', { HALL_TZ: 'Nowhere/Special' }).exited;
    expect(result.code).not.toBe(0);
    expect(ownLines(result.stderr)).toEqual([expect.stringContaining('HALL_TZ must be an IANA time zone')]);
  });

  describe('on a database that does not exist yet', () => {
    const dbName = `cd_test_${Math.floor(Date.now() / 1000)}_start`;
    const prefix = testRedisPrefix();
    // Built here rather than inside the measured start (the browser tests reuse the build).
    beforeAll(() => ensureUiBuilt(), 120_000);
    afterAll(async () => {
      const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${quoteIdent(dbName)} with (force)`);
      await admin.end();
      await deleteRedisPrefix(prefix);
    });

    it('creates, migrates and seeds it, serves the catalogue, lists the main pages, restarts after a crash and shuts down cleanly', async () => {
      const port = await freePort();
      const simPort = await freePort();
      // What `npm start` runs after installing; started directly so the signal reaches the supervisor itself.
      const { child, exited, ready, output } = run(
        path.join(root, 'node_modules/.bin/tsx'),
        ['scripts/start.ts', 'all'],
        {
          DATABASE_URL: withDatabase(TEST_PG_URL, dbName),
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          PORT: String(port),
          LOG_LEVEL: 'info',
          LOG_FORMAT: 'pretty',
          CONTROLLER_SIM_URL: `http://127.0.0.1:${simPort}`,
        },
        /API docs/,
      );
      const base = `http://127.0.0.1:${port}`;
      try {
        await ready;
        const windows = (await (await fetch(`${base}/api/windows`)).json()) as { windows: unknown[] };
        expect(windows.windows).toHaveLength(18);
        const services = (await (await fetch(`${base}/api/services?limit=1`)).json()) as { total: number };
        expect(services.total).toBe(83);
        const health = await fetch(`${base}/api/health`);
        expect(health.status).toBe(200);
        expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);

        // Once it is up: the main pages, each a full address, once.
        const list = output().stdout;
        const shown = /listening on (\S+) \(pid \d+\)/.exec(list)![1]!;
        expect(shown).toMatch(new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${port}$`));
        for (const [name, page] of [['finder', '/'], ['kiosk', '/kiosk?token=demo-kiosk'], ['desk', '/desk'], ['board', '/board'], ['admin', '/admin'], ['API docs', '/api/docs']]) {
          expect(list).toMatch(new RegExp(`^  ${name} +${escape(shown + page)}$`, 'm'));
        }
        expect(list.match(/^Open:$/gm)).toHaveLength(1);
        // The two demo door controllers, each simulator's address on its own line, their lists filled by the seeded grants.
        for (const [i, code] of ['ctl-n1', 'ctl-n2'].entries()) {
          const address = `http://127.0.0.1:${simPort + i}/controllers/${code}/state`;
          expect(list).toMatch(new RegExp(`^Door controller simulator ${code}: ${escape(address)}$`, 'm'));
          await until(async () => ((await (await fetch(address)).json()) as { cards: unknown[] }).cards.length > 0);
        }
        // Readable one-line entries (as on a terminal), and no line per request at info: those are debug.
        await fetch(`${base}/api/windows?requested=once`);
        await new Promise((r) => setTimeout(r, 200));
        expect(output().stdout).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: workers started/m);
        expect(output().stdout).not.toMatch(/^\{/m);
        expect(output().stdout).not.toMatch(/requested=once|GET \/api\/windows/);

        // A crash (here: killed outright) is answered by a fresh process at once, and the log says so.
        const firstPid = Number(/listening on \S+ \(pid (\d+)\)/.exec(list)![1]);
        process.kill(firstPid, 'SIGKILL');
        await until(() => output().stdout.split('listening on').length === 3);
        expect(output().stderr).toMatch(new RegExp(`campus-desk: restarted after signal SIGKILL \\(pid ${firstPid} → \\d+\\)`));
        expect((await fetch(`${base}/api/health`)).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
      const result = await exited;
      expect(result.code, `${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`).toBe(0);
      expect(result.stdout).toMatch(/Demo accounts \(password demo1234/);
      expect(result.stdout).toMatch(/SIGTERM received/);
    }, 90_000);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
