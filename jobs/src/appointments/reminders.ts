import type { Job, Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { readAppointmentRules, type Db } from '@campus/db';
import type { JobPayloads } from '../queues.ts';
import { deliverToPerson, inAppDelivery, type NotificationDelivery } from './delivery.ts';

type RemindPayload = JobPayloads['appointments']['appointment.remind'];

/** Deterministic: the booking code's job for an offset can be found, moved and removed by its id alone. */
export function reminderJobId(appointmentId: string, minutes: number): string {
  return `remind:${appointmentId}:${minutes}`;
}

export interface ReminderSync {
  /** Offsets (minutes before the slot) with a delayed job after the sync. */
  scheduled: number[];
  removed: number;
}

type ApptRow = {
  id: string;
  status: string;
  /** Epoch milliseconds: no text format of a timestamp to parse. */
  slot_ms: number;
};

/**
 * Brings an appointment's reminder jobs in line with its row: for each offset of
 * `appointment_rules.reminder_minutes`, a delayed `appointment.remind` at slot start − offset while
 * the appointment is booked and that moment is still ahead of `now`; none otherwise. A job for an
 * old slot start (a reschedule) is removed and added again: BullMQ ignores an add whose id exists.
 */
export async function syncReminders(db: Db, queue: Queue, appointmentId: string, now: Date): Promise<ReminderSync> {
  const rules = await readAppointmentRules(db);
  const [row] = await db.execute<ApptRow>(sql`select id, status::text as status, (extract(epoch from slot_start) * 1000)::float8 as slot_ms from appointments where id = ${appointmentId}`);
  return syncRow(queue, row ?? null, appointmentId, rules.reminderMinutes, now);
}

async function syncRow(queue: Queue, row: ApptRow | null, appointmentId: string, offsets: readonly number[], now: Date): Promise<ReminderSync> {
  const slotStart = row ? new Date(row.slot_ms) : null;
  const result: ReminderSync = { scheduled: [], removed: 0 };
  for (const minutes of offsets) {
    const id = reminderJobId(appointmentId, minutes);
    const fireAt = slotStart ? slotStart.getTime() - minutes * 60_000 : 0;
    const wanted = row?.status === 'booked' && fireAt > now.getTime();
    const existing = (await queue.getJob(id)) as Job<RemindPayload> | undefined;
    if (existing) {
      const current = wanted && existing.data.slotStart === slotStart!.toISOString() && (await existing.isDelayed());
      if (current) {
        result.scheduled.push(minutes);
        continue;
      }
      // A job being run right now cannot be removed; it re-reads the row and finds nothing to say.
      if (!(await existing.isActive())) {
        await existing.remove();
        result.removed += 1;
      }
    }
    if (!wanted) continue;
    const data: RemindPayload = { appointmentId, minutes, slotStart: slotStart!.toISOString() };
    await queue.add('appointment.remind', data, { jobId: id, delay: fireAt - now.getTime(), removeOnComplete: true, removeOnFail: 100 });
    result.scheduled.push(minutes);
  }
  return result;
}

/**
 * The periodic repair: every appointment whose slot starts within the next 25 hours (or that was
 * changed in the last hour, so a cancellation's jobs go too), synced as `appointment.changed` would.
 * It covers an enqueue lost while Redis was away.
 */
export async function syncUpcomingReminders(db: Db, queue: Queue, now: Date): Promise<number> {
  const rules = await readAppointmentRules(db);
  const at = now.toISOString();
  const rows = await db.execute<ApptRow>(sql`
    select id, status::text as status, (extract(epoch from slot_start) * 1000)::float8 as slot_ms from appointments
    where (slot_start between ${at}::timestamptz and ${at}::timestamptz + interval '25 hours')
       or (updated_at > ${at}::timestamptz - interval '1 hour' and slot_start > ${at}::timestamptz)`);
  for (const row of rows) await syncRow(queue, row, row.id, rules.reminderMinutes, now);
  return rows.length;
}

/**
 * A reminder's run: tells the holder only if the appointment is still booked at the slot the job
 * was made for (a cancelled or moved one says nothing; its own jobs do).
 */
export async function sendReminder(db: Db, hallTz: string, job: RemindPayload, delivery: NotificationDelivery = inAppDelivery(db)): Promise<{ sent: number }> {
  const [row] = await db.execute<{ person_id: number; status: string; slot_ms: number; check_in_code: string; name_zh: string; name_en: string; windows: number[] }>(sql`
    select a.person_id, a.status::text as status, (extract(epoch from a.slot_start) * 1000)::float8 as slot_ms, a.check_in_code, s.name_zh, s.name_en,
      array(select w.number from service_windows sw join windows w on w.id = sw.window_id where sw.service_id = a.service_id order by w.number) as windows
    from appointments a join services s on s.id = a.service_id where a.id = ${job.appointmentId}`);
  if (!row || row.status !== 'booked' || new Date(row.slot_ms).toISOString() !== job.slotStart) return { sent: 0 };
  const sent = await deliverToPerson(db, delivery, row.person_id, 'appointment.reminder', {
    appointmentId: job.appointmentId,
    minutesBefore: job.minutes,
    slotStart: DateTime.fromISO(job.slotStart).setZone(hallTz).toISO({ suppressMilliseconds: true }),
    serviceNameZh: row.name_zh,
    serviceNameEn: row.name_en,
    windows: row.windows,
    code: row.check_in_code,
  });
  return { sent };
}
