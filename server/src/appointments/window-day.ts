import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@campus/db';
import { maskName } from '../common/mask.ts';

export interface WindowAppointment {
  slotStart: string;
  slotEnd: string;
  serviceNameZh: string;
  serviceNameEn: string;
  /** Masked, as on every list a clerk's screen may show to the counter. */
  holder: string;
  status: string;
  ticketNumber: string | null;
  /** What the holder ticked as ready from the checklist. */
  ticks: { nameZh: string; nameEn: string }[];
}

/**
 * Today's appointments of the services a window serves, in slot order: what the clerk console's
 * panel lists (time, who, checked in or not, the checklist ticks). Cancelled ones are left out.
 */
export async function windowAppointmentsToday(db: Db, windowId: number, hallTz: string, now: Date): Promise<WindowAppointment[]> {
  const day = DateTime.fromJSDate(now).setZone(hallTz).startOf('day');
  const rows = await db.execute<{
    slot_ms: number;
    end_ms: number;
    name_zh: string;
    name_en: string;
    person: string;
    status: string;
    ticket_number: string | null;
    ticks: { nameZh: string; nameEn: string }[];
  }>(sql`
    select (extract(epoch from a.slot_start) * 1000)::float8 as slot_ms, (extract(epoch from a.slot_end) * 1000)::float8 as end_ms,
      s.name_zh, s.name_en, p.name as person, a.status::text as status, t.number as ticket_number,
      coalesce((select json_agg(json_build_object('nameZh', m.name_zh, 'nameEn', m.name_en) order by m.position)
                from appointment_material_ticks k join service_materials m on m.id = k.material_id where k.appointment_id = a.id), '[]'::json) as ticks
    from appointments a
    join services s on s.id = a.service_id
    join people p on p.id = a.person_id
    left join tickets t on t.id = a.ticket_id
    where a.service_id in (select service_id from service_windows where window_id = ${windowId})
      and a.slot_start >= ${day.toISO()}::timestamptz and a.slot_start < ${day.plus({ days: 1 }).toISO()}::timestamptz
      and a.status <> 'cancelled'
    order by a.slot_start, a.id`);
  const iso = (ms: number) => DateTime.fromMillis(ms).setZone(hallTz).toISO({ suppressMilliseconds: true })!;
  return rows.map((r) => ({
    slotStart: iso(r.slot_ms),
    slotEnd: iso(r.end_ms),
    serviceNameZh: r.name_zh,
    serviceNameEn: r.name_en,
    holder: maskName(r.person),
    status: r.status,
    ticketNumber: r.ticket_number,
    ticks: r.ticks,
  }));
}
