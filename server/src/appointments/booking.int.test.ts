import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { createBookableSlot, createStudents, slotSeats } from '../../../test-support/factories.ts';

const ctx = useTestApp();
const HALL = 'Asia/Shanghai';
const iso = (d: Date) => DateTime.fromJSDate(d).setZone(HALL).toISO({ suppressMilliseconds: true })!;

const book = (token: string, serviceId: number, start: Date | string) =>
  injectAs(ctx.app, token, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: typeof start === 'string' ? start : iso(start) } });

describe('slots', () => {
  it('lists a service’s slots in the hall zone with the remaining seats the table holds', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 3);
    const [s] = await createStudents(ctx.app, 1);
    expect((await book(s!.token, serviceId, start)).statusCode).toBe(201);
    const res = await ctx.app.inject({ url: `/api/services/${serviceId}/slots` });
    expect(res.statusCode).toBe(200);
    const seats = await slotSeats(ctx.app, serviceId, start);
    expect(res.json()).toEqual([{ start: iso(start), end: iso(new Date(start.getTime() + 1_800_000)), capacity: 3, remaining: seats.capacity - seats.live }]);
    expect(res.json()[0].start).toMatch(/\+08:00$/);
    const days = await ctx.app.inject({ url: `/api/services/${serviceId}/slot-days` });
    expect(days.json()).toEqual([{ date: iso(start).slice(0, 10), remaining: 2, slots: 1, slotsWithSeats: 1 }]);
  });

  it('leaves out slots within the minimum lead time, beyond the horizon and withdrawn ones', async () => {
    const soon = await createBookableSlot(ctx.app, 2, 0.2); // 12 min ahead, lead is 30
    await createBookableSlot(ctx.app, 2, 24 * 20, soon.serviceId); // beyond 14 days
    const withdrawn = await createBookableSlot(ctx.app, 2, 30, soon.serviceId);
    const kept = await createBookableSlot(ctx.app, 2, 50, soon.serviceId);
    await ctx.app.pg.sql`update appointment_slots set withdrawn = true where service_id = ${soon.serviceId} and starts_at = ${withdrawn.start.toISOString()}`;
    const to = DateTime.now().setZone(HALL).plus({ days: 30 }).toISODate()!;
    const res = await ctx.app.inject({ url: `/api/services/${soon.serviceId}/slots?to=${to}` });
    expect(res.json().map((s: { start: string }) => s.start)).toEqual([iso(kept.start)]);
  });

  it('answers 404 for an unknown or non-bookable service and 400 for bad ranges', async () => {
    expect((await ctx.app.inject({ url: '/api/services/999999/slots' })).json().code).toBe('service_not_found');
    const [plain] = await ctx.app.pg.sql`select id from services where not appointment_enabled limit 1`;
    expect((await ctx.app.inject({ url: `/api/services/${plain!.id}/slots` })).statusCode).toBe(404);
    const { serviceId } = await createBookableSlot(ctx.app, 1);
    const backwards = await ctx.app.inject({ url: `/api/services/${serviceId}/slots?from=2026-12-10&to=2026-12-01` });
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'bad_range']);
    const junk = await ctx.app.inject({ url: `/api/services/${serviceId}/slot-days?from=tomorrow` });
    expect(junk.statusCode).toBe(400);
    const wide = await ctx.app.inject({ url: `/api/services/${serviceId}/slots?from=2026-01-01&to=2026-12-31` });
    expect(wide.json().code).toBe('bad_range');
  });
});

describe('booking', () => {
  it('books a seat: 201 with the appointment and a code, one row, taken + 1, audit and outbox rows without personal data', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 2);
    const [s] = await createStudents(ctx.app, 1);
    const res = await book(s!.token, serviceId, start);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(body.appointment).toMatchObject({ serviceId, start: iso(start), status: 'booked', code: body.code });
    const rows = await ctx.app.pg.sql`select person_id, status, check_in_code from appointments where service_id = ${serviceId}`;
    expect(rows).toEqual([{ person_id: s!.personId, status: 'booked', check_in_code: body.code }]);
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 1, live: 1 });
    const [event] = await ctx.app.pg.sql`select payload from hall_events where type = 'appointment.booked' and (payload->>'serviceId')::int = ${serviceId}`;
    expect(event!.payload).toEqual({ serviceId, slotStart: start.toISOString(), capacity: 2, taken: 1 });
    const [audit] = await ctx.app.pg.sql`select actor_account_id from audit_log where action = 'appointment.booked' and object_id = ${body.appointment.id}`;
    expect(audit!.actor_account_id).toBe(s!.accountId);
    const mine = await injectAs(ctx.app, s!.token, { url: '/api/me/appointments' });
    expect(mine.json().items.map((a: { id: string }) => a.id)).toEqual([body.appointment.id]);
  });

  it('refuses a full slot, a second booking of the service, more than the maximum, too soon and beyond the horizon', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b] = await createStudents(ctx.app, 2);
    expect((await book(a!.token, serviceId, start)).statusCode).toBe(201);
    const full = await book(b!.token, serviceId, start);
    expect([full.statusCode, full.json().code]).toEqual([409, 'slot_full']);
    const later = await createBookableSlot(ctx.app, 5, 72, serviceId);
    const again = await book(a!.token, serviceId, later.start);
    expect([again.statusCode, again.json().code]).toEqual([409, 'already_booked']);
    await ctx.app.pg.sql`update appointment_rules set max_active_per_person = 2`;
    try {
      const other1 = await createBookableSlot(ctx.app, 5);
      const other2 = await createBookableSlot(ctx.app, 5);
      expect((await book(a!.token, other1.serviceId, other1.start)).statusCode).toBe(201);
      const over = await book(a!.token, other2.serviceId, other2.start);
      expect([over.statusCode, over.json().code]).toEqual([409, 'too_many_appointments']);
    } finally {
      await ctx.app.pg.sql`update appointment_rules set max_active_per_person = 3`;
    }
    const soon = await createBookableSlot(ctx.app, 5, 0.25, serviceId);
    expect((await book(b!.token, serviceId, soon.start)).json().code).toBe('too_soon');
    const far = await createBookableSlot(ctx.app, 5, 24 * 16, serviceId);
    expect((await book(b!.token, serviceId, far.start)).json().code).toBe('outside_horizon');
    const none = await book(b!.token, serviceId, new Date(start.getTime() + 7 * 60_000));
    expect([none.statusCode, none.json().code]).toEqual([404, 'slot_not_found']);
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 1, live: 1 });
  });

  it('refuses a suspended person with the end date and the reason in both languages', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [s] = await createStudents(ctx.app, 1);
    const ends = new Date(Date.now() + 5 * 86_400_000);
    await ctx.app.pg.sql`insert into booking_suspensions (person_id, ends_at, reason_zh, reason_en, appointment_ids)
      values (${s!.personId}, ${ends.toISOString()}, '30天内3次爽约', '3 no-shows within 30 days.', '{}')`;
    const res = await book(s!.token, serviceId, start);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'booking_suspended', until: iso(ends), reasonZh: '30天内3次爽约', reasonEn: '3 no-shows within 30 days.' });
    expect((await injectAs(ctx.app, s!.token, { url: '/api/me/appointments' })).json().suspension).toEqual({ until: iso(ends), reasonZh: '30天内3次爽约', reasonEn: '3 no-shows within 30 days.' });
    await ctx.app.pg.sql`update booking_suspensions set lifted_at = now() where person_id = ${s!.personId}`;
    expect((await book(s!.token, serviceId, start)).statusCode).toBe(201);
  });

  it('hides another person’s appointment (404) and refuses staff-less accounts', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 2);
    const [a, b] = await createStudents(ctx.app, 2);
    const { appointment } = (await book(a!.token, serviceId, start)).json();
    for (const url of [`/api/appointments/${appointment.id}`, `/api/appointments/${appointment.id}/calendar.ics`, `/api/appointments/${appointment.id}/qr.svg`]) {
      expect((await injectAs(ctx.app, b!.token, { url })).statusCode).toBe(404);
    }
    expect((await injectAs(ctx.app, b!.token, { method: 'POST', url: `/api/appointments/${appointment.id}/cancel` })).statusCode).toBe(404);
    expect((await injectAs(ctx.app, a!.token, { url: `/api/appointments/${appointment.id}` })).json().id).toBe(appointment.id);
  });
});

describe('cancel and reschedule', () => {
  it('cancels until the cutoff, freeing the seat', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b] = await createStudents(ctx.app, 2);
    const { appointment } = (await book(a!.token, serviceId, start)).json();
    const res = await injectAs(ctx.app, a!.token, { method: 'POST', url: `/api/appointments/${appointment.id}/cancel` });
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'holder' });
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 0, live: 0 });
    expect((await book(b!.token, serviceId, start)).statusCode).toBe(201);

    const late = await createBookableSlot(ctx.app, 1, 1);
    const { appointment: soon } = (await book(a!.token, late.serviceId, late.start)).json();
    const refused = await injectAs(ctx.app, a!.token, { method: 'POST', url: `/api/appointments/${soon.id}/cancel` });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'cancel_cutoff_passed']);
  });

  it('reschedules atomically: new seat taken, old freed, code kept; a full target changes nothing', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const target = await createBookableSlot(ctx.app, 1, 72, serviceId);
    const [a, b] = await createStudents(ctx.app, 2);
    const { appointment, code } = (await book(a!.token, serviceId, start)).json();
    const moved = await injectAs(ctx.app, a!.token, { method: 'POST', url: `/api/appointments/${appointment.id}/reschedule`, payload: { start: iso(target.start) } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ code, start: iso(target.start), rescheduledFromId: appointment.id, status: 'booked' });
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 0, live: 0 });
    expect(await slotSeats(ctx.app, serviceId, target.start)).toMatchObject({ taken: 1, live: 1 });

    const { appointment: other } = (await book(b!.token, serviceId, start)).json();
    const blocked = await injectAs(ctx.app, b!.token, { method: 'POST', url: `/api/appointments/${other.id}/reschedule`, payload: { start: iso(target.start) } });
    expect([blocked.statusCode, blocked.json().code]).toEqual([409, 'slot_full']);
    const [still] = await ctx.app.pg.sql`select status, slot_start from appointments where id = ${other.id}`;
    expect([still!.status, new Date(still!.slot_start as string).toISOString()]).toEqual(['booked', start.toISOString()]);
    expect(await slotSeats(ctx.app, serviceId, start)).toMatchObject({ taken: 1, live: 1 });
  });
});
