import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { withDatabase } from '@campus/db';
import { bullPrefix } from '@campus/jobs';
import { SESSION_COOKIE } from '../server/src/accounts/sessions.ts';
import { loadConfig } from '../server/src/config.ts';
import { prepareDatabase } from '../server/src/server.ts';
import { TEST_REDIS_URL } from '../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../test-support/redis.ts';
import { freePort, scratchPostgres, type ScratchPostgres } from '../test-support/scratch-services.ts';

/**
 * Issue 9, item 12: `pg_ctl restart -m fast` under load used to kill the whole process (an uncaught
 * TypeError inside the Postgres driver). The real `npm start` process runs against a throw-away
 * Postgres — never the shared one — while clients keep issuing tickets, and Postgres is restarted
 * a few times: the process must survive each restart, answer /api/health within 5 s of Postgres
 * accepting connections, and have a row for every ticket it answered 201 for. Likewise a
 * worker-only process must survive and process jobs afterwards.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESTARTS = 3;
const CLIENTS = 8;

let pg: ScratchPostgres;
const prefixes: string[] = [];
beforeAll(async () => {
  pg = await scratchPostgres();
  // Created, migrated and seeded up front, so each test can also run alone (the API would do it, the worker does not).
  await prepareDatabase(loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'development' }));
});
afterAll(async () => {
  pg?.destroy();
  for (const p of prefixes) await deleteRedisPrefix(p);
});

const databaseUrl = () => withDatabase(pg.url, 'campus_desk');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** `npm start`'s own entry point (supervisor and child), as start.int.test.ts runs it. */
function startProcess(role: 'all' | 'worker', env: Record<string, string>, until: RegExp): Promise<Started> {
  const prefix = testRedisPrefix();
  prefixes.push(prefix);
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', role], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      CAMPUS_DESK_SKIP_INSTALL: '1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DATABASE_URL: databaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SERVE_UI: 'false',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started: Started = { child, output: () => ({ stdout, stderr }), exited };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (until.test(stdout)) {
        clearInterval(timer);
        resolve(started);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited early (${code}): ${stderr || stdout}`));
    });
  });
}

async function stopProcess(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  await started.exited;
}

/**
 * The process doing the work must stay the same one: the spawned command has not exited, it never
 * printed a second start-up line, and the pid its start-up line names (the supervisor's child) lives.
 */
function sameProcess(started: Started, startLine: RegExp): boolean {
  const lines = started.output().stdout.match(new RegExp(startLine.source, 'g')) ?? [];
  const pid = startLine.exec(started.output().stdout)?.[1];
  return started.child.exitCode === null && started.child.signalCode === null && lines.length === 1 && (pid === undefined || alive(Number(pid)));
}

/** On failure, what the process said: a crash shows here. */
function reportOnFailure(started: Started): void {
  onTestFailed(() => {
    const { stdout, stderr } = started.output();
    console.error(`process stderr (tail):\n${stderr.slice(-4000)}\nprocess stdout (tail):\n${stdout.slice(-2000)}`);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls /api/health until 200; returns how long that took. */
async function healthyWithin(base: string, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1500) });
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not answering yet
    }
    await sleep(100);
  }
  throw new Error(`/api/health not 200 within ${ms} ms`);
}

describe('a Postgres restart under load', () => {
  it('leaves the API process running: health is back within 5 s and every 201 has its row', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const startLine = /listening on \S+(?: \(pid (\d+)\))?/;
    const api = await startProcess('all', { PORT: String(port), TICKET_RATE_PER_KIOSK: '1000000' }, startLine);
    reportOnFailure(api);
    try {
      // Window 20's clerk opens the window, so its services take tickets whatever the time of day.
      const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
      const [target] = await sql`select w.id as window_id, s.id as service_id from windows w
        join service_windows sw on sw.window_id = w.id join services s on s.id = sw.service_id
        where w.number = 20 and s.daily_cap is null order by s.id limit 1`;
      await sql.end();
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ username: 'clerk20', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
      const opened = await fetch(`${base}/api/windows/${target!.window_id}/sessions`, { method: 'POST', headers: { cookie, origin: base } });
      expect(opened.status).toBe(201);

      // Eight kiosks issuing tickets as fast as they are answered.
      const issued: { id: string; at: number }[] = [];
      const statuses = new Map<number | string, number>();
      const unexpected: string[] = [];
      let loading = true;
      const client = async () => {
        while (loading) {
          try {
            const res = await fetch(`${base}/api/tickets`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: 'Bearer demo-kiosk' },
              body: JSON.stringify({ serviceId: target!.service_id }),
              signal: AbortSignal.timeout(10_000),
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 201) issued.push({ id: ((await res.json()) as { id: string }).id, at: Date.now() });
            else if (res.status !== 503) unexpected.push(`${res.status} ${(await res.text()).slice(0, 300)}`);
            else await res.arrayBuffer();
            // A kiosk's pace, not a flood: the machine's two cores are shared with other test files.
            await sleep(20);
          } catch (err) {
            const name = (err as Error).name;
            statuses.set(name, (statuses.get(name) ?? 0) + 1);
            await sleep(50);
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, client);

      let lastHealthy = 0;
      for (let i = 0; i < RESTARTS; i++) {
        await sleep(1200);
        await pg.restart(); // returns once Postgres accepts connections again
        const took = await healthyWithin(base, 5000);
        expect(took).toBeLessThan(5000);
        expect(sameProcess(api, startLine)).toBe(true);
        lastHealthy = Date.now();
      }
      await sleep(1500);
      loading = false;
      await Promise.all(clients);

      // The same process, never restarted by the supervisor.
      expect(sameProcess(api, startLine)).toBe(true);
      expect(api.output().stderr).not.toMatch(/restarted after/);
      // Failures during a restart are answered as 503s (never a 500), and issuing works again afterwards.
      expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503), unexpected.join('\n')).toEqual([]);
      expect(issued.filter((t) => t.at > lastHealthy).length).toBeGreaterThan(0);
      // Every ticket answered 201 is in the table.
      const check = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
      const [found] = await check`select count(*)::int as n from tickets where id = any(${issued.map((t) => t.id)}::uuid[])`;
      await check.end();
      expect(issued.length).toBeGreaterThan(CLIENTS * RESTARTS);
      expect(found!.n).toBe(issued.length);
    } finally {
      await stopProcess(api);
    }
    expect(await api.exited).toBe(0);
  }, 90_000);

  it('leaves a worker process running, and it processes jobs afterwards', async () => {
    const startLine = /Campus desk worker \S+ started(?: \(pid (\d+)\))?/;
    const worker = await startProcess('worker', {}, startLine);
    reportOnFailure(worker);
    const prefix = prefixes.at(-1)!;
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const hall = new Queue('hall', { connection: redis, prefix: bullPrefix(prefix) });
    const events = new QueueEvents('hall', { connection: redis.duplicate(), prefix: bullPrefix(prefix) });
    try {
      await events.waitUntilReady();
      // Keep the worker's transactions busy (each expiry run is one) while Postgres restarts.
      let loading = true;
      const producer = (async () => {
        while (loading) {
          const { waiting = 0 } = await hall.getJobCounts('waiting');
          if (waiting < 4) {
            await hall.addBulk(Array.from({ length: 4 }, () => ({ name: 'tickets.expire', data: {}, opts: { removeOnComplete: true, removeOnFail: true } })));
          }
          await sleep(20);
        }
      })();
      // Jobs are short, so the worker needs more tries than the API to be caught mid-transaction.
      for (let i = 0; i < 3 * RESTARTS; i++) {
        await sleep(300);
        await pg.restart();
        expect(sameProcess(worker, startLine)).toBe(true);
      }
      await sleep(1000);
      loading = false;
      await producer;

      const job = await hall.add('tickets.expire', {}, { removeOnComplete: 10 });
      const result = (await job.waitUntilFinished(events, 10_000)) as { expired: number };
      expect(typeof result.expired).toBe('number');
      expect(sameProcess(worker, startLine)).toBe(true);
      expect(worker.output().stderr).not.toMatch(/restarted after/);
    } finally {
      await events.close();
      await hall.close();
      redis.disconnect();
      await stopProcess(worker);
    }
    expect(await worker.exited).toBe(0);
  }, 60_000);
});
