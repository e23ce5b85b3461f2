import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expireWaitlistOffers } from '@campus/jobs';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs } from '../../../test-support/auth.ts';
import { createBookableSlot, createStudents, slotSeats } from '../../../test-support/factories.ts';

const ctx = useTestApp();
const iso = (d: Date) => DateTime.fromJSDate(d).setZone('Asia/Shanghai').toISO({ suppressMilliseconds: true })!;
const book = (token: string, serviceId: number, start: Date) => injectAs(ctx.app, token, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: iso(start) } });
const join = (token: string, serviceId: number, start: Date) => injectAs(ctx.app, token, { method: 'POST', url: '/api/appointments/waitlist', payload: { serviceId, start: iso(start) } });
const cancel = (token: string, id: string) => injectAs(ctx.app, token, { method: 'POST', url: `/api/appointments/${id}/cancel` });

/** The seat invariant: taken = live appointments + held offers. */
async function expectInvariant(serviceId: number, start: Date) {
  const s = await slotSeats(ctx.app, serviceId, start);
  expect(s.taken).toBe(s.live + s.offered);
  expect(s.taken).toBeLessThanOrEqual(s.capacity);
  return s;
}

describe('waitlist', () => {
  it('is only for a full slot, once per person, in order', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b, c] = await createStudents(ctx.app, 3);
    const early = await join(b!.token, serviceId, start);
    expect([early.statusCode, early.json().code]).toEqual([409, 'slot_not_full']);
    await book(a!.token, serviceId, start);
    const first = await join(b!.token, serviceId, start);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'waiting', position: 1, start: iso(start) });
    expect((await join(c!.token, serviceId, start)).json().position).toBe(2);
    expect((await join(b!.token, serviceId, start)).json().code).toBe('already_waiting');
    const holder = await join(a!.token, serviceId, start);
    expect(holder.json().code).toBe('already_booked');
  });

  it('offers a cancelled seat to the first in line in the same transaction, held, with a notification; accepting books it', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b, c] = await createStudents(ctx.app, 3);
    const { appointment } = (await book(a!.token, serviceId, start)).json();
    const entry = (await join(b!.token, serviceId, start)).json();
    await join(c!.token, serviceId, start);
    expect((await cancel(a!.token, appointment.id)).statusCode).toBe(200);
    expect(await expectInvariant(serviceId, start)).toMatchObject({ taken: 1, live: 0, offered: 1, waiting: 1 });
    const [offer] = await ctx.app.pg.sql`select status, offer_expires_at - offered_at as hold from appointment_waitlist where id = ${entry.id}`;
    expect(offer).toMatchObject({ status: 'offered', hold: '00:15:00' });
    const [note] = await ctx.app.pg.sql`select payload from notifications where account_id = ${b!.accountId} and kind = 'appointment.waitlist_offer'`;
    expect(note!.payload).toMatchObject({ waitlistId: entry.id, serviceId });
    // Nobody else can book the held seat.
    const [d] = await createStudents(ctx.app, 1);
    expect((await book(d!.token, serviceId, start)).json().code).toBe('slot_full');
    const mine = (await injectAs(ctx.app, b!.token, { url: '/api/me/appointments' })).json();
    expect(mine.waitlist).toEqual([expect.objectContaining({ id: entry.id, status: 'offered', position: null })]);

    const accepted = await injectAs(ctx.app, b!.token, { method: 'POST', url: `/api/appointments/waitlist/${entry.id}/accept` });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().appointment).toMatchObject({ status: 'booked', start: iso(start) });
    expect(await expectInvariant(serviceId, start)).toMatchObject({ taken: 1, live: 1, offered: 0, waiting: 1 });
    const [booked] = await ctx.app.pg.sql`select status, appointment_id from appointment_waitlist where id = ${entry.id}`;
    expect(booked).toEqual({ status: 'booked', appointment_id: accepted.json().appointment.id });
  });

  it('passes an expired offer to the next one, then frees the seat when nobody waits; a late accept is refused', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b, c] = await createStudents(ctx.app, 3);
    const { appointment } = (await book(a!.token, serviceId, start)).json();
    const first = (await join(b!.token, serviceId, start)).json();
    const second = (await join(c!.token, serviceId, start)).json();
    await cancel(a!.token, appointment.id);

    const later = new Date(Date.now() + 16 * 60_000);
    expect(await expireWaitlistOffers(ctx.app.db, later)).toEqual({ expired: 1, passedOn: 1 });
    const rows = await ctx.app.pg.sql`select id, status from appointment_waitlist where service_id = ${serviceId} order by id`;
    expect(rows).toEqual([{ id: first.id, status: 'expired' }, { id: second.id, status: 'offered' }]);
    expect(await expectInvariant(serviceId, start)).toMatchObject({ taken: 1, offered: 1 });
    const late = await injectAs(ctx.app, b!.token, { method: 'POST', url: `/api/appointments/waitlist/${first.id}/accept` });
    expect(late.json().code).toBe('no_offer');

    await ctx.app.pg.sql`update appointment_waitlist set offer_expires_at = now() - interval '1 second' where id = ${second.id}`;
    const expiredAccept = await injectAs(ctx.app, c!.token, { method: 'POST', url: `/api/appointments/waitlist/${second.id}/accept` });
    expect([expiredAccept.statusCode, expiredAccept.json().code]).toEqual([409, 'offer_expired']);
    expect(await expireWaitlistOffers(ctx.app.db)).toEqual({ expired: 1, passedOn: 0 });
    expect(await expectInvariant(serviceId, start)).toMatchObject({ taken: 0, offered: 0, live: 0 });
  });

  it('leaving with an offer passes it on at once', async () => {
    const { serviceId, start } = await createBookableSlot(ctx.app, 1);
    const [a, b, c] = await createStudents(ctx.app, 3);
    const { appointment } = (await book(a!.token, serviceId, start)).json();
    const first = (await join(b!.token, serviceId, start)).json();
    const second = (await join(c!.token, serviceId, start)).json();
    await cancel(a!.token, appointment.id);
    expect((await injectAs(ctx.app, b!.token, { method: 'DELETE', url: `/api/appointments/waitlist/${first.id}` })).statusCode).toBe(204);
    const [next] = await ctx.app.pg.sql`select status from appointment_waitlist where id = ${second.id}`;
    expect(next!.status).toBe('offered');
    expect(await expectInvariant(serviceId, start)).toMatchObject({ taken: 1, offered: 1 });
    expect((await injectAs(ctx.app, c!.token, { method: 'DELETE', url: `/api/appointments/waitlist/${first.id}` })).statusCode).toBe(404);
  });

  it('200 concurrent reschedules and cancellations on a full slot with a waitlist: no seat double-given or lost', { timeout: 120_000 }, async () => {
    const a = await createBookableSlot(ctx.app, 100);
    const b = await createBookableSlot(ctx.app, 100, 72, a.serviceId);
    const people = await createStudents(ctx.app, 210);
    const inA = people.slice(0, 100);
    const inB = people.slice(100, 150);
    const waiting = people.slice(150, 210);
    const idOf = new Map<number, string>();
    for (const p of inA) idOf.set(p.personId, (await book(p.token, a.serviceId, a.start)).json().appointment.id);
    for (const p of inB) idOf.set(p.personId, (await book(p.token, a.serviceId, b.start)).json().appointment.id);
    for (const p of waiting) expect((await join(p.token, a.serviceId, a.start)).statusCode).toBe(201);
    expect(await slotSeats(ctx.app, a.serviceId, a.start)).toMatchObject({ taken: 100, live: 100, waiting: 60 });

    const move = (p: (typeof people)[number], to: Date) => injectAs(ctx.app, p.token, { method: 'POST', url: `/api/appointments/${idOf.get(p.personId)}/reschedule`, payload: { start: iso(to) } });
    const ops = [
      ...inA.slice(0, 50).map((p) => cancel(p.token, idOf.get(p.personId)!)),
      ...inA.slice(50, 100).map((p) => move(p, b.start)),
      ...inB.slice(0, 25).map((p) => cancel(p.token, idOf.get(p.personId)!)),
      ...inB.slice(25, 50).map((p) => move(p, a.start)),
      // And the first offers are accepted while all this happens.
      ...waiting.slice(0, 50).map(async (p) => {
        await new Promise((r) => setTimeout(r, 50));
        const [entry] = await ctx.app.pg.sql`select id from appointment_waitlist where person_id = ${p.personId} and status = 'offered'`;
        return entry ? injectAs(ctx.app, p.token, { method: 'POST', url: `/api/appointments/waitlist/${entry.id}/accept` }) : null;
      }),
    ];
    const answers = (await Promise.all(ops)).filter((r) => r !== null);
    expect(answers.filter((r) => r.statusCode >= 500)).toEqual([]);
    expect(answers.every((r) => [200, 201, 409].includes(r.statusCode))).toBe(true);

    for (const slot of [a, b]) await expectInvariant(a.serviceId, slot.start);
    const seatsA = await slotSeats(ctx.app, a.serviceId, a.start);
    const seatsB = await slotSeats(ctx.app, a.serviceId, b.start);
    const moved = (to: Date) => answers.filter((r) => r.statusCode === 200 && r.json().rescheduledFromId && r.json().start === iso(to)).length;
    const cancels = answers.filter((r) => r.statusCode === 200 && r.json().status === 'cancelled').length;
    expect(cancels).toBe(75);
    expect(moved(b.start)).toBe(50); // B had 50 free seats and gained 25 from its cancels
    // A freed 100 seats: the 60 people waiting were each offered one (none lost, none given twice),
    // and only once the waitlist was exhausted could a move from B take one of the other 40.
    expect(seatsA).toMatchObject({ waiting: 0, taken: 60 + moved(a.start) });
    expect(seatsA.offered + answers.filter((r) => r.statusCode === 201).length).toBe(60);
    expect(seatsB.taken).toBe(50 - 25 - moved(a.start) + 50);
    // Nobody holds two live appointments of the service.
    const [dupes] = await ctx.app.pg.sql`select count(*)::int as n from (select person_id from appointments where service_id = ${a.serviceId} and status in ('booked', 'checked_in') group by person_id having count(*) > 1) d`;
    expect(dupes!.n).toBe(0);
  });
});
