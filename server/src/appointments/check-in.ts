import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { appendAudit, schema, type AuditSource, type Db } from '@campus/db';
import type { WindowsCache } from '../catalogue/windows-cache.ts';
import { AppError } from '../common/problem.ts';
import { appendEvent } from '../events/hall-events.ts';
import { applicantTypeOf, issueInTx, personByNumber } from '../queue/issue.ts';
import { serviceAvailability } from '../queue/service-state.ts';
import { LIVE_STATUSES, readRules } from './rules.ts';

const { appointments } = schema;

/** How the appointment is named: its booking code or holder's number at a kiosk, or its id by the holder online. */
export type CheckInBy = { code: string } | { studentNumber: string } | { appointmentId: string; personId: number };

export interface CheckInRequest {
  by: CheckInBy;
  source: AuditSource;
  deviceId: number | null;
  headsUpPosition: number;
  windows?: WindowsCache;
}

export interface CheckedIn {
  appointmentId: string;
  ticketId: string;
}

const notFound = () => new AppError(404, 'appointment_not_found', 'No appointment to check in', 'Check the booking code, or take a normal ticket.');

/** Booking codes are shown in capitals; people type them any way, with spaces. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Which appointment a check-in names. By student number: the holder's live appointment of today
 * nearest to now (a kiosk cannot ask which one), so a second one later in the day waits its turn.
 */
async function findAppointment(db: Db, hallTz: string, now: Date, by: CheckInBy): Promise<string> {
  const live = inArray(appointments.status, [...LIVE_STATUSES]);
  if ('code' in by) {
    const [row] = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.checkInCode, normaliseCode(by.code)), live));
    if (!row) throw notFound();
    return row.id;
  }
  if ('studentNumber' in by) {
    const personId = await personByNumber(db, by.studentNumber.trim()).catch(() => {
      throw notFound();
    });
    const day = DateTime.fromJSDate(now).setZone(hallTz);
    const [row] = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.personId, personId),
          live,
          sql`${appointments.slotStart} >= ${day.startOf('day').toISO()}::timestamptz and ${appointments.slotStart} < ${day.plus({ days: 1 }).startOf('day').toISO()}::timestamptz`,
        ),
      )
      .orderBy(sql`abs(extract(epoch from ${appointments.slotStart} - ${now.toISOString()}::timestamptz))`)
      .limit(1);
    if (!row) throw notFound();
    return row.id;
  }
  // Another person's appointment does not exist for this one.
  const [row] = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.id, by.appointmentId), eq(appointments.personId, by.personId)));
  if (!row) throw notFound();
  return row.id;
}

/**
 * Checks an appointment in, in one transaction: within its window (from `check_in_early_minutes`
 * before the slot to `check_in_late_minutes` after its start) it issues a ticket of channel
 * `appointment` through the ordinary issue path (numbering, checklist, events), queued from the
 * slot's start so call-next serves it first from then on, and marks the appointment checked in.
 */
export async function checkIn(db: Db, hallTz: string, now: Date, req: CheckInRequest): Promise<CheckedIn> {
  const id = await findAppointment(db, hallTz, now, req.by);
  const [peek] = await db.select({ serviceId: appointments.serviceId, personId: appointments.personId }).from(appointments).where(eq(appointments.id, id));
  // Read before the transaction, as issueTicket does: the cache may need a connection of its own.
  const applicantType = await applicantTypeOf(db, peek!.personId);
  const availability = req.windows ? await serviceAvailability(db, peek!.serviceId, hallTz, now, req.windows) : null;

  return db.transaction(async (tx) => {
    // The row lock makes a second check-in of the same appointment wait, then see it checked in.
    const [appt] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
    if (!appt) throw notFound();
    if (appt.status === 'checked_in' && appt.ticketId) {
      throw new AppError(409, 'already_checked_in', 'This appointment is checked in already', 'Its ticket is the one issued then.', undefined, { ticketId: appt.ticketId });
    }
    if (appt.status === 'no_show') throw tooLate('The appointment was marked missed.', appt.serviceId);
    if (appt.status !== 'booked') throw notFound();

    const rules = await readRules(tx);
    const slotStart = DateTime.fromJSDate(appt.slotStart).setZone(hallTz);
    const opensAt = slotStart.minus({ minutes: rules.checkInEarlyMinutes });
    const closesAt = slotStart.plus({ minutes: rules.checkInLateMinutes });
    if (now < opensAt.toJSDate()) {
      throw new AppError(409, 'too_early', 'Too early to check in', `Check-in opens at ${opensAt.toFormat('HH:mm')}.`, undefined, {
        comeBackAt: opensAt.toISO({ suppressMilliseconds: true })!,
      });
    }
    if (now > closesAt.toJSDate()) throw tooLate(`Check-in closed ${rules.checkInLateMinutes} minutes after the slot’s start (${closesAt.toFormat('HH:mm')}).`, appt.serviceId);

    const ticket = await issueInTx(
      tx,
      hallTz,
      now,
      {
        serviceId: appt.serviceId,
        headsUpPosition: req.headsUpPosition,
        priority: false,
        channel: 'appointment',
        personId: appt.personId,
        appointmentId: appt.id,
        queuedAt: now > appt.slotStart ? now : appt.slotStart,
        deviceId: req.deviceId,
        actor: req.source.actor,
        ip: req.source.ip ?? '',
        requestId: req.source.requestId ?? '',
      },
      applicantType,
      availability,
    );
    await tx.update(appointments).set({ status: 'checked_in', checkedInAt: now, ticketId: ticket.id, updatedAt: now }).where(eq(appointments.id, appt.id));
    await appendAudit(tx, req.source, {
      action: 'appointment.checked_in',
      objectType: 'appointment',
      objectId: appt.id,
      before: { status: 'booked' },
      after: { status: 'checked_in', ticketId: ticket.id, via: 'code' in req.by ? 'code' : 'studentNumber' in req.by ? 'student_number' : 'online' },
    });
    await appendEvent(tx, 'appointment.checked_in', { number: ticket.number, serviceId: appt.serviceId, slotStart: appt.slotStart.toISOString() });
    return { appointmentId: appt.id, ticketId: ticket.id };
  });
}

/** The service travels with the refusal, so the kiosk can offer that service's normal ticket at once. */
function tooLate(why: string, serviceId: number): AppError {
  return new AppError(409, 'too_late', 'Too late to check in', `${why} You may take a normal ticket.`, undefined, { walkInOffered: true, serviceId });
}
