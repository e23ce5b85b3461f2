import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix, reminderJobId, startWorkers, type RunningWorkers } from '@campus/jobs';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { TEST_REDIS_URL } from '../../../test-support/env.ts';
import { createBookableSlot } from '../../../test-support/factories.ts';

/**
 * The contract between the booking slice and the reminders: each booking, reschedule and cancel
 * enqueues appointment.changed after its commit, and the workers bring the reminder jobs in line.
 */
const ctx = useTestApp();
const HOUR = 3_600_000;
let workers: RunningWorkers;
let redis: Redis;
let queue: Queue;
beforeAll(async () => {
  workers = await startWorkers({
    redisUrl: TEST_REDIS_URL,
    redisPrefix: ctx.config.redisPrefix,
    databaseUrl: ctx.database.url,
    hallTz: ctx.config.hallTz,
    expireEvery: 3600,
    heartbeatEvery: 60,
    retention: { hallEventsDays: 30, sessionsDays: 7, sessionIdleMinutes: 120, notificationsDays: 30, pruneEveryMinutes: 60 },
  });
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('appointments', { connection: redis, prefix: bullPrefix(ctx.config.redisPrefix) });
});
afterAll(async () => {
  await workers?.close();
  await queue?.close();
  redis?.disconnect();
});

/** Waits until the job's presence is as wanted; returns its delay-derived fire time (ms) or null. */
async function waitForJob(appointmentId: string, minutes: number, present: boolean): Promise<number | null> {
  for (let i = 0; i < 100; i++) {
    const job = await queue.getJob(reminderJobId(appointmentId, minutes));
    if (Boolean(job) === present) return job ? job.timestamp + (job.opts.delay ?? 0) : null;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${reminderJobId(appointmentId, minutes)} still ${present ? 'absent' : 'present'}`);
}

describe('reminder jobs follow the booking routes', () => {
  it('are created on booking, moved on reschedule, removed on cancel', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 5, 48);
    const later = (await createBookableSlot(ctx.app, 5, 72, serviceId)).start;
    const student = await sessionFor(ctx.app, 'S0010');

    const booked = await injectAs(ctx.app, student, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: start.toISOString() } });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().appointment.id as string;
    const fires = await waitForJob(id, 1440, true);
    // Fires 24 h before the slot (to the second: the delay is computed when the job is added).
    expect(Math.abs(fires! - (start.getTime() - 24 * HOUR))).toBeLessThan(5000);
    await waitForJob(id, 60, true);

    const moved = await injectAs(ctx.app, student, { method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { start: later.toISOString() } });
    expect(moved.statusCode).toBe(200);
    const movedId = moved.json().id as string;
    const movedFires = await waitForJob(movedId, 1440, true);
    expect(Math.abs(movedFires! - (later.getTime() - 24 * HOUR))).toBeLessThan(5000);
    await waitForJob(id, 1440, false);
    await waitForJob(id, 60, false);

    const cancelled = await injectAs(ctx.app, student, { method: 'POST', url: `/api/appointments/${movedId}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    await waitForJob(movedId, 1440, false);
    await waitForJob(movedId, 60, false);
    const [rows] = await ctx.app.pg.sql`select count(*)::int as n from appointments where id in (${id}, ${movedId}) and status = 'cancelled'`;
    expect(rows!.n).toBe(2);
  });
});
