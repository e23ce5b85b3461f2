import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { TEST_REDIS_URL } from '../../../test-support/env.ts';
import { createBookableSlot, createStudents, slotSeats } from '../../../test-support/factories.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../../test-support/redis.ts';
import { SESSION_COOKIE } from '../accounts/sessions.ts';

/**
 * No overbooking under a storm: 500 distinct students ask for one slot of 50 seats at once,
 * through one app and through two real server processes on one database. The database's
 * conditional update decides; the figures are read back in SQL.
 */
const ctx = useTestApp();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const iso = (d: Date) => DateTime.fromJSDate(d).setZone('Asia/Shanghai').toISO({ suppressMilliseconds: true })!;

async function expectExactlyFilled(serviceId: number, start: Date, statuses: number[], codes: (string | undefined)[]) {
  expect(statuses.filter((s) => s === 201)).toHaveLength(50);
  expect(statuses.filter((s) => s === 409)).toHaveLength(450);
  expect(codes.filter((c) => c === 'slot_full')).toHaveLength(450);
  const seats = await slotSeats(ctx.app, serviceId, start);
  expect(seats).toMatchObject({ capacity: 50, taken: 50, live: 50 });
  const [rows] = await ctx.app.pg.sql`select count(*)::int as n, count(distinct person_id)::int as people, count(distinct check_in_code)::int as codes
    from appointments where service_id = ${serviceId}`;
  expect(rows).toEqual({ n: 50, people: 50, codes: 50 });
}

describe('booking storm', () => {
  it('500 concurrent bookings for 50 seats through one app: exactly 50 rows, 450 × slot_full', { timeout: 120_000 }, async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 50);
    const students = await createStudents(ctx.app, 500);
    const answers = await Promise.all(
      students.map((s) => injectAs(ctx.app, s.token, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: iso(start) } })),
    );
    await expectExactlyFilled(serviceId, start, answers.map((a) => a.statusCode), answers.map((a) => (a.statusCode === 409 ? (a.json().code as string) : undefined)));
  });

  describe('two server processes', () => {
    const children: ChildProcessWithoutNullStreams[] = [];
    const prefixes: string[] = [];
    afterAll(async () => {
      await Promise.all(children.map((c) => new Promise((resolve) => {
        c.once('exit', resolve);
        c.kill('SIGTERM');
      })));
      for (const p of prefixes) await deleteRedisPrefix(p);
    });

    /** `npm start`'s entry point as an API process (no supervisor), on a free port; resolves with its URL. */
    function startApi(): Promise<string> {
      const prefix = testRedisPrefix();
      prefixes.push(prefix);
      const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', 'api'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'development',
          CAMPUS_DESK_SKIP_INSTALL: '1',
          SUPERVISE: 'false',
          LOG_LEVEL: 'warn',
          LOG_FORMAT: 'json',
          DATABASE_URL: ctx.database.url,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          SERVE_UI: 'false',
          HOST: '127.0.0.1',
          PORT: '0',
        },
      });
      children.push(child);
      let out = '';
      return new Promise((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/[\d.:a-z]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => reject(new Error(`api exited (${code}): ${out}`)));
      });
    }

    it('500 concurrent bookings split over two processes: still exactly 50', { timeout: 180_000 }, async () => {
      const { serviceId, start } = await createBookableSlot(ctx.app, 50);
      const students = await createStudents(ctx.app, 500);
      const urls = await Promise.all([startApi(), startApi()]);
      const answers = await Promise.all(
        students.map(async (s, i) => {
          const base = urls[i % 2]!;
          const res = await fetch(`${base}/api/appointments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${s.token}`, origin: base },
            body: JSON.stringify({ serviceId, start: iso(start) }),
          });
          const body = (await res.json()) as { code?: string };
          return { status: res.status, code: res.status === 409 ? body.code : undefined };
        }),
      );
      await expectExactlyFilled(serviceId, start, answers.map((a) => a.status), answers.map((a) => a.code));
    });
  });
});
