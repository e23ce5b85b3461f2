import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { createBookableSlot, createStudents, serviceId } from '../../../test-support/factories.ts';

const ctx = useTestApp();
const iso = (d: Date) => DateTime.fromJSDate(d).setZone('Asia/Shanghai').toISO({ suppressMilliseconds: true })!;

/** A seeded service with materials for students and for staff (window 8's household certificate). */
async function bookSeeded(hoursAhead: number) {
  const id = await serviceId(ctx.app, 'w08-household-certificate');
  const { start } = await createBookableSlot(ctx.app, 2, hoursAhead, id);
  const [s] = await createStudents(ctx.app, 1);
  const res = await injectAs(ctx.app, s!.token, { method: 'POST', url: '/api/appointments', payload: { serviceId: id, start: iso(start) } });
  expect(res.statusCode).toBe(201);
  return { student: s!, serviceId: id, start, appointment: res.json().appointment };
}

describe('checklist', () => {
  it('shows the service’s materials for the holder’s applicant type and keeps their ticks', async () => {
    const { student, serviceId: id, appointment } = await bookSeeded(40);
    const expected = await ctx.app.pg.sql`select id from service_materials where service_id = ${id} and applicant_type in ('anyone', 'student') order by position, id`;
    expect(appointment.checklist.map((c: { materialId: number }) => c.materialId)).toEqual(expected.map((m) => m.id));
    expect(appointment.checklist.every((c: { ready: boolean }) => !c.ready)).toBe(true);
    const chosen = expected.slice(0, 2).map((m) => m.id as number);
    const ticked = await injectAs(ctx.app, student.token, { method: 'PUT', url: `/api/appointments/${appointment.id}/ticks`, payload: { materialIds: chosen } });
    expect(ticked.statusCode).toBe(200);
    const rows = await ctx.app.pg.sql`select material_id from appointment_material_ticks where appointment_id = ${appointment.id} order by material_id`;
    expect(rows.map((r) => r.material_id)).toEqual([...chosen].sort((a, b) => a - b));
    expect(ticked.json().checklist.filter((c: { ready: boolean }) => c.ready).map((c: { materialId: number }) => c.materialId)).toEqual(chosen);
    const staffOnly = await ctx.app.pg.sql`select id from service_materials where service_id = ${id} and applicant_type = 'staff' limit 1`;
    if (staffOnly.length > 0) {
      const bad = await injectAs(ctx.app, student.token, { method: 'PUT', url: `/api/appointments/${appointment.id}/ticks`, payload: { materialIds: [staffOnly[0]!.id] } });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'unknown_material']);
    }
    const cleared = await injectAs(ctx.app, student.token, { method: 'PUT', url: `/api/appointments/${appointment.id}/ticks`, payload: { materialIds: [] } });
    expect(cleared.json().checklist.some((c: { ready: boolean }) => c.ready)).toBe(false);
  });
});

describe('calendar file and QR code', () => {
  it('offers an .ics with the window and what to bring, whose SEQUENCE grows on reschedule under one UID', async () => {
    const { student, serviceId: id, start, appointment } = await bookSeeded(44);
    const first = await injectAs(ctx.app, student.token, { url: `/api/appointments/${appointment.id}/calendar.ics` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    const text = first.body.replace(/\r\n[ \t]/g, '');
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(`DTSTART:${DateTime.fromJSDate(start).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
    expect(text).toContain('8号窗口');
    expect(text).toContain(appointment.code);
    expect(text).toMatch(/SEQUENCE:0/);
    const uid = /UID:(.+)/.exec(text)![1];

    const later = await createBookableSlot(ctx.app, 2, 72, id);
    const moved = await injectAs(ctx.app, student.token, { method: 'POST', url: `/api/appointments/${appointment.id}/reschedule`, payload: { start: iso(later.start) } });
    const second = (await injectAs(ctx.app, student.token, { url: `/api/appointments/${moved.json().id}/calendar.ics` })).body.replace(/\r\n[ \t]/g, '');
    expect(second).toMatch(/SEQUENCE:1/);
    expect(/UID:(.+)/.exec(second)![1]).toBe(uid);
  });

  it('draws the booking code as an SVG QR code', async () => {
    const { student, appointment } = await bookSeeded(52);
    const res = await injectAs(ctx.app, student.token, { url: `/api/appointments/${appointment.id}/qr.svg` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });
});
