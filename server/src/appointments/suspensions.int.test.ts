import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { personOf } from '../../../test-support/appointments.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createBookableSlot } from '../../../test-support/factories.ts';

const ctx = useTestApp();
const DAY = 24 * 3600_000;

async function suspend(personId: number, endsInMs: number) {
  await ctx.app.pg.sql`insert into booking_suspensions (person_id, ends_at, reason_zh, reason_en, appointment_ids)
    values (${personId}, ${new Date(Date.now() + endsInMs).toISOString()}::timestamptz, '30 天内 3 次预约未到', '3 missed appointments within 30 days', '{}')`;
}

describe('booking suspensions', () => {
  it('the student sees why and until when; a clerk lifts it, audited; then none is in force', async () => {
    const personId = await personOf(ctx.app.pg.sql, 'S0005');
    const student = await sessionFor(ctx.app, 'S0005');
    const mine = () => injectAs(ctx.app, student, { url: '/api/me/booking-suspension' });
    expect((await mine()).json()).toEqual({ suspension: null });

    await suspend(personId, -DAY); // ended yesterday: not in force
    await suspend(personId, 14 * DAY);
    const shown = (await mine()).json().suspension;
    expect(shown).toMatchObject({ reasonZh: '30 天内 3 次预约未到', reasonEn: '3 missed appointments within 30 days' });
    expect(Date.parse(shown.endsAt)).toBeGreaterThan(Date.now() + 13 * DAY);

    // Suspended: the booking slice refuses.
    const { serviceId, start } = await createBookableSlot(ctx.app, 5);
    const book = () => injectAs(ctx.app, student, { method: 'POST', url: '/api/appointments', payload: { serviceId, start: start.toISOString() } });
    const refused = await book();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('booking_suspended');

    // A student cannot lift their own.
    const self = await injectAs(ctx.app, student, { method: 'POST', url: `/api/people/${personId}/booking-suspension/lift` });
    expect(self.statusCode).toBe(403);

    const clerk = await sessionFor(ctx.app, 'clerk01');
    const lifted = await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/people/${personId}/booking-suspension/lift` });
    expect(lifted.statusCode).toBe(204);
    expect((await mine()).json()).toEqual({ suspension: null });
    // Lifted: booking works again.
    expect((await book()).statusCode).toBe(201);
    const [booked] = await ctx.app.pg.sql`select count(*)::int as n from appointments where person_id = ${personId} and service_id = ${serviceId} and status = 'booked'`;
    expect(booked!.n).toBe(1);
    const [row] = await ctx.app.pg.sql`select count(*)::int as n from booking_suspensions where person_id = ${personId} and lifted_at is not null and lifted_by is not null`;
    expect(row!.n).toBe(1);
    const [audit] = await ctx.app.pg.sql`select count(*)::int as n from audit_log where action = 'booking_suspension.lifted' and object_id = ${String(personId)} and actor_role = 'clerk'`;
    expect(audit!.n).toBe(1);

    // Nothing left to lift; nobody with that id.
    const again = await injectAs(ctx.app, clerk, { method: 'POST', url: `/api/people/${personId}/booking-suspension/lift` });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('suspension_not_found');
    expect((await injectAs(ctx.app, clerk, { method: 'POST', url: '/api/people/999999/booking-suspension/lift' })).json().code).toBe('person_not_found');
  });
});
