import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, type AuditSource, type Db, type Tx } from '@campus/db';
import { deliverToPerson, inAppDelivery } from '@campus/jobs';
import { AppError } from '../common/problem.ts';
import { cancelAppointmentsInTx } from './changes.ts';
import { readRules } from './rules.ts';
import { generateSlots } from './slot-generation.ts';

export interface ClosureInput {
  /** null: the whole hall. */
  windowId: number | null;
  startsOn: string;
  endsOn: string;
  reasonZh: string;
  reasonEn?: string | undefined;
}

export interface ClosureOutcome {
  id: number;
  withdrawnSlots: number;
  /** Slots kept (another window still serves them) whose capacity fell with the closed window. */
  narrowedSlots: number;
  cancelledAppointments: number;
  /** The appointments cancelled, for the caller to enqueue their reminders' removal after commit. */
  appointmentIds: string[];
}

/**
 * An admin declares a closure, perhaps late (a holiday, a power cut), in one transaction: the
 * closure row; the slots of its days that no window is left to serve (every window of the
 * service closed that day) withdrawn; their booked appointments cancelled; each holder told.
 * A service still served by another window keeps its slots.
 */
export async function declareClosure(db: Db, hallTz: string, source: AuditSource, input: ClosureInput, now: Date): Promise<ClosureOutcome> {
  if (input.startsOn > input.endsOn) throw new AppError(400, 'validation_failed', 'The closure ends before it starts');
  return db.transaction(async (tx) => {
    if (input.windowId !== null) {
      const [w] = await tx.execute(sql`select 1 from windows where id = ${input.windowId}`);
      if (!w) throw new AppError(404, 'window_not_found', 'No window with this id');
    }
    const [closure] = await tx.execute<{ id: number }>(sql`
      insert into window_closures (window_id, starts_on, ends_on, reason_zh, reason_en)
      values (${input.windowId}, ${input.startsOn}::date, ${input.endsOn}::date, ${input.reasonZh}, ${input.reasonEn ?? null})
      on conflict do nothing returning id`);
    if (!closure) throw new AppError(409, 'closure_exists', 'This closure is declared already');

    const slots = await withdrawUnservedSlots(tx, input);
    const narrowed = await replanServedSlots(tx, hallTz, input, now);
    const affected = await tx.execute<{ id: string; person_id: number; slot_ms: number; service_id: number; name_zh: string; name_en: string }>(sql`
      select a.id, a.person_id, (extract(epoch from a.slot_start) * 1000)::float8 as slot_ms, a.service_id, s.name_zh, s.name_en
      from appointments a join services s on s.id = a.service_id
      where a.status = 'booked'
        and (a.service_id, a.slot_start) in (select x.service_id, x.starts_at from jsonb_to_recordset(${JSON.stringify(slots)}::jsonb) as x(service_id int, starts_at timestamptz))
      for update of a`);
    const ids = affected.map((a) => a.id);
    // The slot is withdrawn, so no seat is offered to its waitlist: each seat goes back, and the
    // waitlist of a withdrawn slot ends.
    await cancelAppointmentsInTx(tx, ids, `closure: ${input.reasonZh}`, { now, source });
    await tx.execute(sql`
      update appointment_waitlist set status = 'expired'
      where status = 'waiting'
        and (service_id, slot_start) in (select x.service_id, x.starts_at from jsonb_to_recordset(${JSON.stringify(slots)}::jsonb) as x(service_id int, starts_at timestamptz))`);

    const delivery = inAppDelivery(tx);
    for (const a of affected) {
      const at = DateTime.fromMillis(a.slot_ms).setZone(hallTz);
      await deliverToPerson(tx, delivery, a.person_id, 'appointment.cancelled_by_hall', {
        appointmentId: a.id,
        serviceNameZh: a.name_zh,
        serviceNameEn: a.name_en,
        slotStart: at.toISO({ suppressMilliseconds: true }),
        reasonZh: input.reasonZh,
        reasonEn: input.reasonEn ?? null,
      });
    }
    await appendAudit(tx, source, {
      action: 'closure.declared',
      objectType: 'window',
      objectId: input.windowId,
      after: { closureId: closure.id, startsOn: input.startsOn, endsOn: input.endsOn, reasonZh: input.reasonZh, withdrawnSlots: slots.length, narrowedSlots: narrowed, cancelledAppointments: ids.length },
    });
    return { id: closure.id, withdrawnSlots: slots.length, narrowedSlots: narrowed, cancelledAppointments: ids.length, appointmentIds: ids };
  });
}

/**
 * Marks withdrawn the not yet withdrawn slots of the closure's days whose service has no window
 * left open that day: every window serving it is under a closure (this one, an earlier one, or
 * one of the whole hall).
 */
async function withdrawUnservedSlots(tx: Tx, input: ClosureInput): Promise<{ service_id: number; starts_at: string }[]> {
  const touched = input.windowId === null ? sql`true` : sql`sl.service_id in (select service_id from service_windows where window_id = ${input.windowId})`;
  const rows = await tx.execute<{ service_id: number; starts_at: string }>(sql`
    update appointment_slots sl set withdrawn = true
    where not sl.withdrawn and sl.hall_date between ${input.startsOn}::date and ${input.endsOn}::date and ${touched}
      and not exists (
        select 1 from service_windows sw
        where sw.service_id = sl.service_id
          and not exists (
            select 1 from window_closures c
            where (c.window_id is null or c.window_id = sw.window_id) and sl.hall_date between c.starts_on and c.ends_on))
    returning sl.service_id, sl.starts_at::text as starts_at`);
  return [...rows];
}

/**
 * One window of several closes: its services' slots on the closure's days (within the booking
 * horizon) are planned again, so their capacity counts only the windows left open. Seats already
 * given are kept (a capacity may fall below them: the other windows serve those holders); no new
 * seat is offered beyond the new capacity. Returns how many slots now offer fewer seats.
 */
async function replanServedSlots(tx: Tx, hallTz: string, input: ClosureInput, now: Date): Promise<number> {
  if (input.windowId === null) return 0;
  const rules = await readRules(tx);
  const today = DateTime.fromJSDate(now).setZone(hallTz).startOf('day');
  const from = input.startsOn > today.toISODate()! ? input.startsOn : today.toISODate()!;
  const last = today.plus({ days: rules.horizonDays }).toISODate()!;
  const to = input.endsOn < last ? input.endsOn : last;
  if (from > to) return 0;
  const served = await tx.execute<{ service_id: number }>(sql`select service_id from service_windows where window_id = ${input.windowId}`);
  if (served.length === 0) return 0;
  const serviceIds = served.map((s) => s.service_id);
  const before = await tx.execute<{ service_id: number; starts_at: string; capacity: number }>(sql`
    select service_id, starts_at::text as starts_at, capacity from appointment_slots
    where not withdrawn and hall_date between ${from}::date and ${to}::date and service_id = any(${`{${serviceIds.join(',')}}`}::int[])`);
  if (before.length === 0) return 0;
  await generateSlots(tx, hallTz, { from, to, serviceIds }, now);
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from appointment_slots sl
    join jsonb_to_recordset(${JSON.stringify(before)}::jsonb) as b(service_id int, starts_at timestamptz, capacity int)
      on b.service_id = sl.service_id and b.starts_at = sl.starts_at
    where sl.capacity < b.capacity`);
  return row?.n ?? 0;
}
