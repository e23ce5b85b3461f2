import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, type AuditSource, type Db } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';
import { activeSuspension, changeableUntil } from './booking-rules.ts';
import { readRules, type AppointmentRules } from './rules.ts';
import type { AppointmentView, WaitlistView } from './schemas.ts';

/** The holder's views of appointments and waitlist entries, times in the hall's zone. */

export const hallIso = (at: Date | string, hallTz: string) => DateTime.fromJSDate(new Date(at)).setZone(hallTz).toISO({ suppressMilliseconds: true })!;

interface AppointmentRow {
  id: string;
  check_in_code: string;
  status: AppointmentView['status'];
  service_id: number;
  person_id: number;
  name_zh: string;
  name_en: string;
  slot_start: string;
  slot_end: string;
  created_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  rescheduled_from_id: string | null;
  person_kind: string;
}

async function appointmentRows(db: Db, where: ReturnType<typeof sql>): Promise<AppointmentRow[]> {
  return db.execute<AppointmentRow & Record<string, unknown>>(sql`
    select a.id, a.check_in_code, a.status, a.service_id, a.person_id, s.name_zh, s.name_en, a.slot_start, a.slot_end, a.created_at,
           a.cancelled_at, a.cancel_reason, a.rescheduled_from_id, p.kind as person_kind
    from appointments a join services s on s.id = a.service_id join people p on p.id = a.person_id
    where ${where} order by a.slot_start, a.id`);
}

/** The checklist of the service for the holder's applicant type, with their ticks (as the ticket's checklist picks materials). */
async function checklistOf(db: Db, row: AppointmentRow) {
  const types = row.person_kind === 'student' ? ['anyone', 'student'] : row.person_kind === 'staff' ? ['anyone', 'staff'] : ['anyone', 'student', 'staff'];
  const items = await db.execute<{ id: number; name_zh: string; name_en: string; required: boolean; note_zh: string | null; note_en: string | null; form_url: string | null; ready: boolean }>(sql`
    select m.id, m.name_zh, m.name_en, m.required, m.note_zh, m.note_en, m.form_url,
           exists (select 1 from appointment_material_ticks t where t.appointment_id = ${row.id} and t.material_id = m.id) as ready
    from service_materials m
    where m.service_id = ${row.service_id} and m.applicant_type::text = any(${`{${types.join(',')}}`}::text[])
    order by m.position, m.id`);
  return items.map((m) => ({ materialId: m.id, nameZh: m.name_zh, nameEn: m.name_en, required: m.required, noteZh: m.note_zh, noteEn: m.note_en, formUrl: m.form_url, ready: m.ready }));
}

async function windowsOf(db: Db, serviceId: number) {
  const rows = await db.execute<{ number: number; name_zh: string; name_en: string }>(sql`
    select w.number, w.name_zh, w.name_en from service_windows sw join windows w on w.id = sw.window_id
    where sw.service_id = ${serviceId} and w.status = 'active' order by w.number`);
  return rows.map((w) => ({ number: w.number, nameZh: w.name_zh, nameEn: w.name_en }));
}

async function toView(db: Db, row: AppointmentRow, hallTz: string, rules: AppointmentRules): Promise<AppointmentView> {
  const [windows, checklist] = await Promise.all([windowsOf(db, row.service_id), checklistOf(db, row)]);
  return {
    id: row.id,
    code: row.check_in_code,
    status: row.status,
    serviceId: row.service_id,
    serviceNameZh: row.name_zh,
    serviceNameEn: row.name_en,
    start: hallIso(row.slot_start, hallTz),
    end: hallIso(row.slot_end, hallTz),
    windows,
    createdAt: hallIso(row.created_at, hallTz),
    cancelledAt: row.cancelled_at ? hallIso(row.cancelled_at, hallTz) : null,
    cancelReason: row.cancel_reason,
    rescheduledFromId: row.rescheduled_from_id,
    changeableUntil: hallIso(changeableUntil(new Date(row.slot_start), rules), hallTz),
    checklist,
  };
}

/** One appointment of the person; another's answers 404. */
export async function appointmentView(db: Db, hallTz: string, id: string, personId: number): Promise<AppointmentView> {
  const [row] = await appointmentRows(db, sql`a.id = ${id} and a.person_id = ${personId}`);
  if (!row) throw notFound('appointment');
  return toView(db, row, hallTz, await readRules(db));
}

/** The person's live appointments and those of the last 30 days, their open waitlist entries, any suspension. */
export async function myAppointments(db: Db, hallTz: string, personId: number, now: Date) {
  const rules = await readRules(db);
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const rows = await appointmentRows(db, sql`a.person_id = ${personId} and (a.status in ('booked', 'checked_in') or a.slot_start >= ${since})
    and not (a.status = 'cancelled' and a.cancel_reason = 'rescheduled')`);
  const items = await Promise.all(rows.map((r) => toView(db, r, hallTz, rules)));
  const entries = await db.execute<{ id: number; service_id: number; name_zh: string; name_en: string; slot_start: string; status: WaitlistView['status']; offer_expires_at: string | null; appointment_id: string | null; position: number | null }>(sql`
    select w.id, w.service_id, s.name_zh, s.name_en, w.slot_start, w.status, w.offer_expires_at, w.appointment_id,
           case when w.status = 'waiting' then (select count(*)::int from appointment_waitlist o
             where o.service_id = w.service_id and o.slot_start = w.slot_start and o.status = 'waiting' and o.id <= w.id) end as position
    from appointment_waitlist w join services s on s.id = w.service_id
    where w.person_id = ${personId} and w.status in ('waiting', 'offered') order by w.slot_start, w.id`);
  const waitlist: WaitlistView[] = entries.map((e) => ({
    id: e.id,
    serviceId: e.service_id,
    serviceNameZh: e.name_zh,
    serviceNameEn: e.name_en,
    start: hallIso(e.slot_start, hallTz),
    status: e.status,
    position: e.position,
    offerExpiresAt: e.offer_expires_at ? hallIso(e.offer_expires_at, hallTz) : null,
    appointmentId: e.appointment_id,
  }));
  const s = await activeSuspension(db, personId, now);
  return { items, waitlist, suspension: s ? { until: hallIso(s.endsAt, hallTz), reasonZh: s.reasonZh, reasonEn: s.reasonEn } : null };
}

/** The holder's ticks: exactly the listed materials of the appointment's checklist are ready. */
export async function setTicks(db: Db, hallTz: string, source: AuditSource, id: string, personId: number, materialIds: number[]): Promise<AppointmentView> {
  const view = await appointmentView(db, hallTz, id, personId);
  if (view.status !== 'booked' && view.status !== 'checked_in') throw new AppError(409, 'appointment_not_booked', 'This appointment is no longer booked');
  const allowed = new Set(view.checklist.map((c) => c.materialId));
  const unknown = materialIds.filter((m) => !allowed.has(m));
  if (unknown.length > 0) throw new AppError(400, 'unknown_material', 'Not on this appointment’s checklist', `Material ids ${unknown.join(', ')}`);
  const ids = [...new Set(materialIds)];
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from appointment_material_ticks where appointment_id = ${id} and not (material_id = any(${`{${ids.join(',')}}`}::int[]))`);
    if (ids.length > 0) {
      await tx.execute(sql`insert into appointment_material_ticks (appointment_id, material_id)
        select ${id}, unnest(${`{${ids.join(',')}}`}::int[]) on conflict do nothing`);
    }
    await appendAudit(tx, source, { action: 'appointment.ticks_set', objectType: 'appointment', objectId: id, after: { materialIds: ids } });
  });
  return appointmentView(db, hallTz, id, personId);
}
