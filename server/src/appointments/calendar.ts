import { sql } from 'drizzle-orm';
import { createEvent } from 'ics';
import QRCode from 'qrcode';
import type { Db } from '@campus/db';
import type { AppointmentView } from './schemas.ts';

/**
 * The appointment's .ics file (the kept `ics` library): one event whose UID stays the same across
 * reschedules (the first appointment of the chain) and whose SEQUENCE counts them, so a calendar
 * updates the event instead of adding another. Times are exact instants (UTC in the file); the
 * description gives them in the hall's zone with the window and what to bring.
 */
export async function appointmentIcs(db: Db, view: AppointmentView, hallTz: string): Promise<string> {
  const [chain] = await db.execute<{ root: string; depth: number }>(sql`
    with recursive up as (
      select id, rescheduled_from_id, 0 as depth from appointments where id = ${view.id}
      union all
      select a.id, a.rescheduled_from_id, up.depth + 1 from appointments a join up on a.id = up.rescheduled_from_id
    ) select (array_agg(id order by depth desc))[1] as root, max(depth)::int as depth from up`);
  const start = new Date(view.start);
  const end = new Date(view.end);
  const windows = view.windows.map((w) => `${w.number}号窗口 ${w.nameZh}`).join('、');
  const bring = view.checklist.map((c) => `- ${c.nameZh}${c.required ? '' : '（如有）'} / ${c.nameEn}`).join('\n');
  const local = (d: string) => d.slice(0, 16).replace('T', ' ');
  const { error, value } = createEvent({
    uid: `${chain?.root ?? view.id}@campus-desk`,
    sequence: chain?.depth ?? 0,
    title: `预约：${view.serviceNameZh} / ${view.serviceNameEn}`,
    start: start.getTime(),
    end: end.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    location: `一站式服务大厅 ${windows}`,
    status: view.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    description: [
      `预约码 Booking code: ${view.code}`,
      `时间 Time: ${local(view.start)}–${view.end.slice(11, 16)} (${hallTz})`,
      `窗口 Window: ${windows}`,
      '',
      '请携带 What to bring:',
      bring || '-',
    ].join('\n'),
    productId: 'campus-desk/appointments',
  });
  if (error || !value) throw error ?? new Error('ics produced nothing');
  return value;
}

/** The booking code as a QR code (SVG), for the kiosk's scanner. */
export function codeQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
