import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { insertAppointment, personOf, serviceByCode, useDatabase } from '../../../test-support/appointments.ts';
import { TEST_REDIS_URL } from '../../../test-support/env.ts';
import { deleteRedisPrefix, testRedisPrefix } from '../../../test-support/redis.ts';
import { bullPrefix } from '../queues.ts';
import { startWorkers } from '../worker.ts';
import { reminderJobId, sendReminder, syncReminders, syncUpcomingReminders } from './reminders.ts';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const HOUR = 60 * MIN;
const prefix = testRedisPrefix();
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
// No worker on this queue (until the last test): delayed jobs stay where the sync put them, to be read by id.
const queue = new Queue('appointments', { connection: redis, prefix: bullPrefix(prefix) });
// Registered after the database's: runs before it closes (after-hooks run in reverse).
const ctx = useDatabase();
afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await deleteRedisPrefix(prefix);
});

const service = (code: string) => serviceByCode(ctx.handle.sql, code);
const job = (appointmentId: string, minutes: number) => queue.getJob(reminderJobId(appointmentId, minutes)) as Promise<Job | undefined>;

/** What a reminder job says, and whether it waits delayed. */
async function reminder(appointmentId: string, minutes: number) {
  const j = await job(appointmentId, minutes);
  if (!j) return null;
  return { state: await j.getState(), delay: j.opts.delay, slotStart: j.data.slotStart as string };
}

describe('reminder jobs of an appointment', () => {
  it('are created for 24 h and 1 h before a booking, with deterministic ids, on a controlled clock', async () => {
    const now = new Date('2030-09-01T02:00:00Z');
    const slot = new Date(now.getTime() + 48 * HOUR);
    const appt = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-grade-review'), personId: await personOf(ctx.handle.sql, 'S0001'), slotStart: slot });
    expect(await syncReminders(ctx.handle.db, queue, appt.id, now)).toEqual({ scheduled: [1440, 60], removed: 0 });
    expect(await reminder(appt.id, 1440)).toEqual({ state: 'delayed', delay: 24 * HOUR, slotStart: slot.toISOString() });
    expect(await reminder(appt.id, 60)).toEqual({ state: 'delayed', delay: 47 * HOUR, slotStart: slot.toISOString() });
    // A second sync (a retried job) changes nothing.
    expect(await syncReminders(ctx.handle.db, queue, appt.id, now)).toEqual({ scheduled: [1440, 60], removed: 0 });
    expect(await queue.getDelayedCount()).toBe(2);
  });

  it('skip offsets already past', async () => {
    const now = new Date('2030-09-01T02:00:00Z');
    const soon = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-grade-review'), personId: await personOf(ctx.handle.sql, 'S0002'), slotStart: new Date(now.getTime() + 2 * HOUR) });
    expect((await syncReminders(ctx.handle.db, queue, soon.id, now)).scheduled).toEqual([60]);
    expect(await reminder(soon.id, 1440)).toBeNull();
    expect((await reminder(soon.id, 60))!.delay).toBe(HOUR);
  });

  it('move when the slot moves, and go when the appointment is cancelled', async () => {
    const now = new Date('2030-09-01T02:00:00Z');
    const slot = new Date(now.getTime() + 30 * HOUR);
    const appt = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-self-study'), personId: await personOf(ctx.handle.sql, 'S0003'), slotStart: slot });
    await syncReminders(ctx.handle.db, queue, appt.id, now);
    expect((await reminder(appt.id, 1440))!.delay).toBe(6 * HOUR);

    const moved = new Date(slot.getTime() + 24 * HOUR);
    await ctx.handle.sql`update appointments set slot_start = ${moved.toISOString()}::timestamptz, slot_end = ${moved.toISOString()}::timestamptz + interval '15 minutes' where id = ${appt.id}`;
    expect(await syncReminders(ctx.handle.db, queue, appt.id, now)).toEqual({ scheduled: [1440, 60], removed: 2 });
    expect(await reminder(appt.id, 1440)).toEqual({ state: 'delayed', delay: 30 * HOUR, slotStart: moved.toISOString() });
    expect(await reminder(appt.id, 60)).toEqual({ state: 'delayed', delay: 53 * HOUR, slotStart: moved.toISOString() });

    await ctx.handle.sql`update appointments set status = 'cancelled', cancelled_at = now() where id = ${appt.id}`;
    expect(await syncReminders(ctx.handle.db, queue, appt.id, now)).toEqual({ scheduled: [], removed: 2 });
    expect(await reminder(appt.id, 1440)).toBeNull();
    expect(await reminder(appt.id, 60)).toBeNull();
  });

  it('a reschedule as the booking slice makes it (the old row cancelled, a new one booked) moves them to the new id', async () => {
    const now = new Date('2030-09-01T02:00:00Z');
    const personId = await personOf(ctx.handle.sql, 'S0004');
    const serviceId = await service('w14-retake-exams');
    const old = await insertAppointment(ctx.handle.sql, { serviceId, personId, slotStart: new Date(now.getTime() + 26 * HOUR) });
    await syncReminders(ctx.handle.db, queue, old.id, now);
    await ctx.handle.sql`update appointments set status = 'cancelled' where id = ${old.id}`;
    const fresh = await insertAppointment(ctx.handle.sql, { serviceId, personId, slotStart: new Date(now.getTime() + 50 * HOUR) });
    await ctx.handle.sql`update appointments set rescheduled_from_id = ${old.id} where id = ${fresh.id}`;
    // The booking slice enqueues appointment.changed for both.
    await syncReminders(ctx.handle.db, queue, old.id, now);
    await syncReminders(ctx.handle.db, queue, fresh.id, now);
    expect(await reminder(old.id, 1440)).toBeNull();
    expect(await reminder(old.id, 60)).toBeNull();
    expect((await reminder(fresh.id, 1440))!.delay).toBe(26 * HOUR);
  });

  it('the periodic repair adds what is missing in the next 25 h and removes what a cancellation left', async () => {
    const now = new Date('2030-09-01T02:00:00Z');
    const lost = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-pe-exemption'), personId: await personOf(ctx.handle.sql, 'S0006'), slotStart: new Date(now.getTime() + 24.5 * HOUR) });
    const cancelled = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-pe-exemption'), personId: await personOf(ctx.handle.sql, 'S0007'), slotStart: new Date(now.getTime() + 3 * HOUR) });
    await syncReminders(ctx.handle.db, queue, cancelled.id, now);
    await ctx.handle.sql`update appointments set status = 'cancelled', updated_at = ${now.toISOString()}::timestamptz where id = ${cancelled.id}`;
    expect(await reminder(cancelled.id, 60)).not.toBeNull();
    expect(await syncUpcomingReminders(ctx.handle.db, queue, now)).toBeGreaterThanOrEqual(2);
    expect(await reminder(lost.id, 1440)).toMatchObject({ state: 'delayed', delay: 30 * MIN });
    expect(await reminder(cancelled.id, 60)).toBeNull();
  });
});

describe('a reminder’s run', () => {
  it('tells the holder in-app only while the appointment is booked at the slot the job was made for', async () => {
    const slot = new Date('2030-10-01T02:00:00Z');
    const personId = await personOf(ctx.handle.sql, 'S0008');
    const appt = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-registration'), personId, slotStart: slot });
    const told = async () =>
      (await ctx.handle.sql`select n.payload from notifications n join accounts a on a.id = n.account_id where a.person_id = ${personId} and n.kind = 'appointment.reminder'`).map((r) => r.payload);

    expect(await sendReminder(ctx.handle.db, TZ, { appointmentId: appt.id, minutes: 60, slotStart: new Date(slot.getTime() - HOUR).toISOString() })).toEqual({ sent: 0 });
    expect(await told()).toHaveLength(0);
    expect(await sendReminder(ctx.handle.db, TZ, { appointmentId: appt.id, minutes: 60, slotStart: slot.toISOString() })).toEqual({ sent: 1 });
    expect(await told()).toEqual([expect.objectContaining({ appointmentId: appt.id, minutesBefore: 60, slotStart: '2030-10-01T10:00:00+08:00', code: appt.code })]);
    await ctx.handle.sql`update appointments set status = 'cancelled' where id = ${appt.id}`;
    expect(await sendReminder(ctx.handle.db, TZ, { appointmentId: appt.id, minutes: 60, slotStart: slot.toISOString() })).toEqual({ sent: 0 });
    expect(await told()).toHaveLength(1);
  });

  it('runs through the workers: appointment.changed makes the jobs, a due reminder is delivered', async () => {
    const workers = await startWorkers({
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      databaseUrl: ctx.database.url,
      hallTz: TZ,
      expireEvery: 3600,
      heartbeatEvery: 60,
      retention: { hallEventsDays: 30, sessionsDays: 7, sessionIdleMinutes: 120, notificationsDays: 30, pruneEveryMinutes: 60 },
    });
    try {
      const personId = await personOf(ctx.handle.sql, 'S0009');
      // 60 minutes and 2 seconds ahead: the 1 h reminder is due in 2 s, the 24 h one is past.
      const slot = new Date(Date.now() + HOUR + 2000);
      const appt = await insertAppointment(ctx.handle.sql, { serviceId: await service('w14-registration'), personId, slotStart: slot });
      await queue.add('appointment.changed', { appointmentId: appt.id });
      let rows: readonly unknown[] = [];
      for (let i = 0; i < 100 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = await ctx.handle.sql`select 1 from notifications n join accounts a on a.id = n.account_id where a.person_id = ${personId} and n.kind = 'appointment.reminder'`;
      }
      expect(rows).toHaveLength(1);
      expect(await job(appt.id, 1440)).toBeUndefined();
    } finally {
      await workers.close();
    }
  });
});
