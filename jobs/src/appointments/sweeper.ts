import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, appendHallEvents, readAppointmentRules, systemAuditSource, type AppointmentRules, type Db, type Tx } from '@campus/db';
import { deliverToPerson, inAppDelivery, type NotificationDelivery } from './delivery.ts';

/** Appointments per transaction: short transactions, as the ticket expiry's (it shares the event-order lock). */
export const SWEEP_BATCH = 200;

export interface SweepResult {
  noShows: number;
  suspensions: number;
}

/**
 * Marks `no_show` the booked appointments whose check-in has closed (slot start +
 * `check_in_late_minutes` before `now`), in batches skipping rows a check-in holds. In the same
 * transaction, a person reaching `no_show_limit` no-shows within `no_show_window_days` (not counting
 * those an earlier suspension was for) is suspended for `suspension_days`, and told. The slots are
 * past: no seat is freed.
 */
export async function sweepNoShows(db: Db, hallTz: string, now: Date, delivery?: (tx: Tx) => NotificationDelivery): Promise<SweepResult> {
  const total: SweepResult = { noShows: 0, suspensions: 0 };
  for (;;) {
    const batch = await db.transaction(async (tx) => sweepBatch(tx, hallTz, now, (delivery ?? inAppDelivery)(tx)));
    total.noShows += batch.noShows;
    total.suspensions += batch.suspensions;
    if (batch.noShows < SWEEP_BATCH) return total;
  }
}

async function sweepBatch(tx: Tx, hallTz: string, now: Date, delivery: NotificationDelivery): Promise<SweepResult> {
  const rules = await readAppointmentRules(tx);
  const at = now.toISOString();
  const missed = await tx.execute<{ id: string; person_id: number; service_id: number; slot_ms: number }>(sql`
    with due as (
      select id from appointments
      where status = 'booked' and slot_start + make_interval(mins => ${rules.checkInLateMinutes}) < ${at}::timestamptz
      order by slot_start
      limit ${SWEEP_BATCH}
      for update skip locked
    )
    update appointments a set status = 'no_show', updated_at = ${at}::timestamptz
    from due where a.id = due.id
    returning a.id, a.person_id, a.service_id, (extract(epoch from a.slot_start) * 1000)::float8 as slot_ms`);
  if (missed.length === 0) return { noShows: 0, suspensions: 0 };

  await appendAudit(
    tx,
    systemAuditSource,
    missed.map((m) => ({ action: 'appointment.no_show', objectType: 'appointment', objectId: m.id, before: { status: 'booked' }, after: { status: 'no_show' } })),
  );
  await appendHallEvents(
    tx,
    'appointment.no_show',
    missed.map((m) => ({ payload: { serviceId: m.service_id, slotStart: new Date(m.slot_ms).toISOString() } })),
  );
  let suspensions = 0;
  for (const personId of [...new Set(missed.map((m) => m.person_id))].sort((a, b) => a - b)) {
    if (await suspendIfDue(tx, hallTz, now, rules, personId, delivery)) suspensions += 1;
  }
  return { noShows: missed.length, suspensions };
}

/** The suspension rule for one person, under their row's lock (two sweeps never both suspend). */
async function suspendIfDue(tx: Tx, hallTz: string, now: Date, rules: AppointmentRules, personId: number, delivery: NotificationDelivery): Promise<boolean> {
  const at = now.toISOString();
  await tx.execute(sql`select 1 from people where id = ${personId} for update`);
  const [active] = await tx.execute(sql`
    select 1 from booking_suspensions where person_id = ${personId} and lifted_at is null and ends_at > ${at}::timestamptz`);
  if (active) return false;
  const counted = await tx.execute<{ id: string }>(sql`
    select a.id from appointments a
    where a.person_id = ${personId} and a.status = 'no_show'
      and a.slot_start > ${at}::timestamptz - make_interval(days => ${rules.noShowWindowDays})
      and not exists (select 1 from booking_suspensions b where b.person_id = a.person_id and a.id = any(b.appointment_ids))
    order by a.slot_start`);
  if (counted.length < rules.noShowLimit) return false;

  const endsAt = DateTime.fromJSDate(now).setZone(hallTz).plus({ days: rules.suspensionDays });
  const until = endsAt.toFormat('yyyy-MM-dd HH:mm');
  const reasonZh = `${rules.noShowWindowDays} 天内 ${counted.length} 次预约未到，预约功能暂停至 ${until}。`;
  const reasonEn = `${counted.length} missed appointments within ${rules.noShowWindowDays} days: booking is suspended until ${until}.`;
  const ids = counted.map((c) => c.id);
  const [row] = await tx.execute<{ id: number }>(sql`
    insert into booking_suspensions (person_id, starts_at, ends_at, reason_zh, reason_en, appointment_ids)
    values (${personId}, ${at}::timestamptz, ${endsAt.toISO()}::timestamptz, ${reasonZh}, ${reasonEn}, ${`{${ids.join(',')}}`}::uuid[])
    returning id`);
  await appendAudit(tx, systemAuditSource, {
    action: 'booking_suspension.created',
    objectType: 'person',
    objectId: personId,
    after: { suspensionId: row!.id, endsAt: endsAt.toISO(), appointmentIds: ids },
  });
  await deliverToPerson(tx, delivery, personId, 'appointment.suspended', { endsAt: endsAt.toISO(), reasonZh, reasonEn });
  return true;
}
