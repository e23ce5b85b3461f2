import { describe, expect, it } from 'vitest';
import { systemAuditSource } from '@campus/db';
import { useTestApp } from '../../../test-support/app.ts';
import { insertAppointment, personOf } from '../../../test-support/appointments.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { callNextAt, kioskIssue, openLine, ticketAction } from '../../../test-support/factories.ts';
import { positionOf } from '../queue/position.ts';
import { checkIn } from './check-in.ts';

const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '5000' });
const MIN = 60_000;
const kiosk = { authorization: 'Bearer demo-kiosk' };

const kioskCheckIn = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/appointments/check-in', headers: kiosk, payload });
const row = async (id: string) => (await ctx.app.pg.sql`select status, ticket_id, checked_in_at from appointments where id = ${id}`)[0]!;
const ticketsOf = async (appointmentId: string) => ctx.app.pg.sql`select id, channel, status, queued_at from tickets where appointment_id = ${appointmentId}`;

describe('checking in an appointment', () => {
  it('at the kiosk by booking code within the window: one appointment ticket, the appointment checked in, audited, an event', async () => {
    const { serviceId } = await openLine(ctx.app);
    const slotStart = new Date(Date.now() + 10 * MIN);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0011'), slotStart });

    // Typed in lower case with a space: still the code.
    const res = await kioskCheckIn({ code: ` ${appt.code.slice(0, 4).toLowerCase()} ${appt.code.slice(4)}` });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ appointmentId: appt.id, slotStart: slotStart.toISOString(), ticket: { channel: 'appointment', status: 'waiting' } });

    const tickets = await ticketsOf(appt.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ id: body.ticket.id, channel: 'appointment', status: 'waiting' });
    // Early: it queues from its slot's start, not from now.
    expect(new Date(tickets[0]!.queued_at as string).toISOString()).toBe(slotStart.toISOString());
    expect(await row(appt.id)).toMatchObject({ status: 'checked_in', ticket_id: body.ticket.id });
    const audit = await ctx.app.pg.sql`select count(*)::int as n from audit_log where action = 'appointment.checked_in' and object_id = ${appt.id}`;
    expect(audit[0]!.n).toBe(1);
    const events = await ctx.app.pg.sql`select payload from hall_events where type = 'appointment.checked_in' and payload->>'number' = ${body.ticket.number}`;
    expect(events).toHaveLength(1);

    // A second check-in answers with the ticket already issued, and issues nothing.
    const again = await kioskCheckIn({ code: appt.code });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_checked_in', ticketId: body.ticket.id });
    expect(await ticketsOf(appt.id)).toHaveLength(1);
  });

  it('two kiosks checking in the same code at once issue one ticket', async () => {
    const { serviceId } = await openLine(ctx.app);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0012'), slotStart: new Date(Date.now() + 5 * MIN) });
    const results = await Promise.all([kioskCheckIn({ code: appt.code }), kioskCheckIn({ code: appt.code }), kioskCheckIn({ code: appt.code })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await ticketsOf(appt.id)).toHaveLength(1);
  });

  it('too early: 409 too_early with when to come back, nothing issued', async () => {
    const { serviceId } = await openLine(ctx.app);
    const slotStart = new Date(Math.ceil((Date.now() + 60 * MIN) / MIN) * MIN);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0013'), slotStart });
    const res = await kioskCheckIn({ code: appt.code });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe('too_early');
    // Default window: from 15 minutes before the slot, given in the hall's zone.
    expect(problem.comeBackAt).toMatch(/\+08:00$/);
    expect(Date.parse(problem.comeBackAt)).toBe(slotStart.getTime() - 15 * MIN);
    expect(await ticketsOf(appt.id)).toHaveLength(0);
    expect((await row(appt.id)).status).toBe('booked');
  });

  it('too late: 409 too_late offering a normal ticket, nothing issued', async () => {
    const { serviceId } = await openLine(ctx.app);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0014'), slotStart: new Date(Date.now() - 11 * MIN) });
    const res = await kioskCheckIn({ code: appt.code });
    expect(res.statusCode).toBe(409);
    // With the service, so the kiosk offers that one's normal ticket at once.
    expect(res.json()).toMatchObject({ code: 'too_late', walkInOffered: true, serviceId });
    expect(await ticketsOf(appt.id)).toHaveLength(0);
    // The walk-in it offers is there to take.
    expect((await kioskIssue(ctx.app, serviceId)).statusCode).toBe(201);
  });

  it('the window’s edges on a controlled clock, from the rules row', async () => {
    const { serviceId } = await openLine(ctx.app);
    await ctx.app.pg.sql`update appointment_rules set check_in_early_minutes = 20, check_in_late_minutes = 5`;
    try {
      const slotStart = new Date('2030-03-04T02:00:00Z'); // 10:00 in the hall
      const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0015'), slotStart });
      const at = (offsetMs: number) =>
        checkIn(ctx.app.db, 'Asia/Shanghai', new Date(slotStart.getTime() + offsetMs), {
          by: { code: appt.code },
          source: systemAuditSource,
          deviceId: null,
          headsUpPosition: 3,
        });
      await expect(at(-20 * MIN - 1000)).rejects.toMatchObject({ code: 'too_early', extra: { comeBackAt: '2030-03-04T09:40:00+08:00' } });
      await expect(at(5 * MIN + 1000)).rejects.toMatchObject({ code: 'too_late' });
      const done = await at(5 * MIN);
      expect((await row(appt.id)).ticket_id).toBe(done.ticketId);
    } finally {
      await ctx.app.pg.sql`update appointment_rules set check_in_early_minutes = 15, check_in_late_minutes = 10`;
    }
  });

  it('unknown code: 404 appointment_not_found; a cancelled one is not found either', async () => {
    const { serviceId } = await openLine(ctx.app);
    const unknown = await kioskCheckIn({ code: 'NOPE1234' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('appointment_not_found');
    const cancelled = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0016'), slotStart: new Date(), status: 'cancelled' });
    expect((await kioskCheckIn({ code: cancelled.code })).json().code).toBe('appointment_not_found');
    expect((await kioskCheckIn({})).statusCode).toBe(400);
    expect((await kioskCheckIn({ code: 'A', studentNumber: 'S0016' })).statusCode).toBe(400);
  });

  it('at the kiosk by student number: today’s appointment nearest now', async () => {
    const { serviceId } = await openLine(ctx.app);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0017'), slotStart: new Date(Date.now() + 3 * MIN) });
    const res = await kioskCheckIn({ studentNumber: 'S0017' });
    expect(res.statusCode).toBe(201);
    expect(res.json().appointmentId).toBe(appt.id);
    expect((await kioskCheckIn({ studentNumber: 'S0018' })).json().code).toBe('appointment_not_found');
  });

  it('online by the holder only; another person’s appointment is not found', async () => {
    const { serviceId } = await openLine(ctx.app);
    const appt = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0019'), slotStart: new Date(Date.now() + 1 * MIN) });
    const other = await sessionFor(ctx.app, 'S0020');
    const holder = await sessionFor(ctx.app, 'S0019');
    const refused = await injectAs(ctx.app, other, { method: 'POST', url: `/api/appointments/${appt.id}/check-in` });
    expect(refused.statusCode).toBe(404);
    expect(await ticketsOf(appt.id)).toHaveLength(0);
    const res = await injectAs(ctx.app, holder, { method: 'POST', url: `/api/appointments/${appt.id}/check-in` });
    expect(res.statusCode).toBe(201);
    expect(res.json().ticket).toMatchObject({ channel: 'appointment' });
  });
});

describe('the clerk’s list of today’s appointments', () => {
  it('lists the window’s appointments of today in slot order, masked, with check-in state and ticket, and no one else’s', async () => {
    const { serviceId, windows } = await openLine(ctx.app);
    const [{ token, windowId }] = windows as [(typeof windows)[number]];
    const first = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0025'), slotStart: new Date(Date.now() + 2 * MIN) });
    await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0026'), slotStart: new Date(Date.now() + 4 * MIN) });
    await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0027'), slotStart: new Date(Date.now() + 6 * MIN), status: 'cancelled' });
    const ticket = (await kioskCheckIn({ code: first.code })).json().ticket;
    const res = await injectAs(ctx.app, token, { url: `/api/windows/${windowId}/appointments` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { status: string; ticketNumber: string | null; holder: string; slotStart: string }[];
    const [rows] = await ctx.app.pg.sql`select count(*)::int as n from appointments where service_id = ${serviceId} and status <> 'cancelled'`;
    expect(items).toHaveLength(rows!.n);
    expect(items.map((i) => [i.status, i.ticketNumber])).toEqual([['checked_in', ticket.number], ['booked', null]]);
    expect(items[0]!.slotStart).toMatch(/\+08:00$/);
    const [name] = await ctx.app.pg.sql`select name from people where number = 'S0025'`;
    expect(items[0]!.holder).not.toBe(name!.name);
    expect(items[0]!.holder).toContain('*');
    // Another window's clerk does not see them.
    const other = await sessionFor(ctx.app, 'clerk02');
    expect((await injectAs(ctx.app, other, { url: `/api/windows/${windowId}/appointments` })).statusCode).toBe(403);
  });
});

describe('call-next and checked-in appointments', () => {
  it('serves an appointment first once its slot has started, not before', async () => {
    const { serviceId, windows } = await openLine(ctx.app);
    const [{ token, windowId }] = windows as [(typeof windows)[number]];
    const walkIn = (await kioskIssue(ctx.app, serviceId)).json();
    // Checked in early: its slot starts in 10 minutes.
    const early = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0021'), slotStart: new Date(Date.now() + 10 * MIN) });
    const earlyTicket = (await kioskCheckIn({ code: early.code })).json().ticket;
    // Due: its slot started 2 minutes ago; checked in after the walk-in.
    const due = await insertAppointment(ctx.app.pg.sql, { serviceId, personId: await personOf(ctx.app.pg.sql, 'S0022'), slotStart: new Date(Date.now() - 2 * MIN) });
    const dueTicket = (await kioskCheckIn({ code: due.code })).json().ticket;
    const walkInLater = (await kioskIssue(ctx.app, serviceId)).json();

    // The place in line says the same as call-next: the due one first, the early one after both walk-ins.
    expect(dueTicket.ahead).toBe(0);
    const place = async (id: string) => (await positionOf(ctx.app.db, id, new Date()))!.ahead;
    expect(await place(walkIn.id)).toBe(1);
    expect(await place(earlyTicket.id)).toBe(3);

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const called = await callNextAt(ctx.app, token, windowId);
      expect(called.statusCode).toBe(200);
      const id = called.json().id as string;
      order.push(id);
      expect((await ticketAction(ctx.app, token, id, 'no-show')).statusCode).toBe(200);
    }
    expect(order).toEqual([dueTicket.id, walkIn.id, walkInLater.id, earlyTicket.id]);
    // The board's call events mark the appointment tickets (预约), and only them.
    const calls = await ctx.app.pg.sql`select payload->>'ticketId' as id, (payload->>'appointment')::boolean as appointment from hall_events
      where type = 'ticket.called' and payload->>'ticketId' in ${ctx.app.pg.sql(order)}`;
    expect(Object.fromEntries(calls.map((c) => [c.id, c.appointment]))).toEqual({
      [dueTicket.id]: true,
      [walkIn.id]: false,
      [walkInLater.id]: false,
      [earlyTicket.id]: true,
    });
  });
});
