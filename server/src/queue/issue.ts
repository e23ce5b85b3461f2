import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { schema, type Db, type Tx, auditInsertSql, ticketEventInsertSql, type AuditActor } from '@campus/db';
import { eventInsertSql } from '../events/hall-events.ts';
import { AppError, notFound } from '../common/problem.ts';
import { hallDate } from './hall-day.ts';
import { notifyHeadsUp } from './heads-up.ts';
import { nextSequenceQuery, ticketNumberSql } from './numbering.ts';
import type { WindowsCache } from '../catalogue/windows-cache.ts';
import { serviceAvailability } from './service-state.ts';
import { ACTIVE_STATUSES } from './transitions.ts';

const { services, tickets, windowFamilies, people } = schema;

export interface IssueRequest {
  serviceId: number;
  headsUpPosition: number;
  priority: boolean;
  channel: 'kiosk' | 'online' | 'appointment';
  personId: number | null;
  /** The appointment checked in (channel 'appointment'). */
  appointmentId?: string;
  /**
   * Its place in the line, when not the moment of issue: an appointment checked in early queues
   * from its slot's start (see `appointmentDue`), so it is not called first before its time.
   */
  queuedAt?: Date;
  deviceId: number | null;
  /** Who asks, for the audit log. */
  actor: AuditActor;
  ip: string;
  requestId: string;
  /** The window list's cache: whether the service is open is read from it, not from four queries per ticket. */
  windows?: WindowsCache;
}

export interface IssuedTicket {
  id: string;
  number: string;
  /** The windows serving its service, by number. */
  windows: number[];
  service: { id: number; nameZh: string; nameEn: string };
  priority: boolean;
  channel: IssueRequest['channel'];
  issuedAt: Date;
}

/** The applicant type decides which materials go on the ticket's checklist. */
export async function applicantTypeOf(db: Db, personId: number | null): Promise<'student' | 'staff' | 'anyone'> {
  if (personId === null) return 'anyone';
  const [p] = await db.select({ kind: people.kind }).from(people).where(eq(people.id, personId));
  return p?.kind === 'student' ? 'student' : p?.kind === 'staff' ? 'staff' : 'anyone';
}

/**
 * Issues a ticket in one transaction: refuses closed services (with the next opening), the daily cap
 * and a second active ticket of one person for one service; numbers it; copies the checklist;
 * records the transition, the audit row and the outbox event.
 */
export async function issueTicket(db: Db, hallTz: string, now: Date, req: IssueRequest): Promise<IssuedTicket> {
  const applicantType = await applicantTypeOf(db, req.personId);
  // Before the transaction: the window list's cache may have to read the tables, on a connection
  // of its own, which a pool full of waiting transactions would never give it.
  const cachedAvailability = req.windows ? await serviceAvailability(db, req.serviceId, hallTz, now, req.windows) : null;
  if (req.personId === null && cachedAvailability?.open) {
    const issued = await issueAnonymous(db, hallTz, now, req, cachedAvailability);
    if (issued) return issued;
  }
  return db.transaction((tx) => issueInTx(tx, hallTz, now, req, applicantType, cachedAvailability));
}

/**
 * A walk-in's ticket of an open service without a daily cap — most of a morning's tickets —
 * checks nothing a lock would guard, so it is one statement, atomic on its own: no BEGIN, no read
 * of the service before it, no COMMIT after (four round trips became one). The service is read
 * inside it; when it is inactive or has a cap, nothing is written and the caller takes the
 * transaction, which answers why.
 */
async function issueAnonymous(db: Db, hallTz: string, now: Date, req: IssueRequest, availability: Availability): Promise<IssuedTicket | null> {
  const service = sql`select s.id, f.ticket_prefix as prefix, s.name_zh, s.name_en from services s join window_families f on f.code = s.family_code
    where s.id = ${req.serviceId} and s.active and s.daily_cap is null`;
  const [row] = await db.execute<IssuedRow & { name_zh: string; name_en: string }>(issueStatement(hallDate(hallTz, now), now, req, 'anyone', service, sql`, s.name_zh, s.name_en`));
  if (!row) return null;
  return issuedTicket(row, req, now, availability, { id: req.serviceId, nameZh: row.name_zh, nameEn: row.name_en });
}

type IssuedRow = { id: string; number: string };
type Availability = Awaited<ReturnType<typeof serviceAvailability>>;

/**
 * All an issue writes, as one statement: the number, the ticket, its checklist, its history, the
 * audit row and the outbox event. From the number on, every issue of the prefix waits for this
 * one's commit (the counter row's lock), so nothing but the COMMIT may follow it. `service` is a query of the service's `id` and `prefix` (one
 * row, or none: then nothing is written); `extra` adds columns of it to the answer.
 */
function issueStatement(day: string, now: Date, req: IssueRequest, applicantType: 'student' | 'staff' | 'anyone', service: SQL, extra: SQL = sql``): SQL {
  const applicantTypes = applicantType === 'anyone' ? ['anyone', 'student', 'staff'] : ['anyone', applicantType];
  const from = sql`t`;
  const queuedAt = (req.queuedAt ?? now).toISOString();
  return sql`
    with s as (${service}),
    n as (${nextSequenceQuery(day, sql`s.prefix`, sql`s`)}),
    t as (
      insert into tickets (hall_date, prefix, seq, number, service_id, person_id, applicant_type, channel, device_id, appointment_id, priority, queued_at, issued_at)
      select ${day}::date, n.prefix, n.last_seq, ${ticketNumberSql}, s.id, ${req.personId}::int,
        ${applicantType}::applicant_type, ${req.channel}::ticket_channel, ${req.deviceId}::int, ${req.appointmentId ?? null}::uuid, ${req.priority},
        ${queuedAt}::timestamptz, ${now.toISOString()}::timestamptz
      from n, s
      returning id, number),
    checklist as (
      -- The checklist of the materials this applicant type brings, read here: one round trip less.
      insert into ticket_checklist (ticket_id, material_id)
      select t.id, m.id from t, service_materials m
       where m.service_id = ${req.serviceId} and m.applicant_type::text = any(${`{${applicantTypes.join(',')}}`}::text[])),
    history as (${ticketEventInsertSql({ type: 'issued', toStatus: 'waiting', actorAccountId: req.actor.accountId, deviceId: req.deviceId, at: now }, from, sql`t.id`)}),
    audit as (${auditInsertSql(
      req,
      { action: 'ticket.issued', objectType: 'ticket', after: { serviceId: req.serviceId, channel: req.channel, priority: req.priority } },
      from,
      sql`t.id`,
      sql`jsonb_build_object('number', t.number)`,
    )}),
    event as (${eventInsertSql('ticket.issued', { serviceId: req.serviceId, priority: req.priority }, from, { ticketId: sql`t.id`, number: sql`t.number` })})
    select t.id, t.number${extra} from t, s`;
}

function issuedTicket(row: IssuedRow, req: IssueRequest, now: Date, availability: Availability, service: IssuedTicket['service']): IssuedTicket {
  return {
    id: row.id,
    number: row.number,
    windows: availability.windows.map((w) => w.number).sort((a, b) => a - b),
    service,
    priority: req.priority,
    channel: req.channel,
    issuedAt: now,
  };
}

/**
 * The issue itself, in the caller's transaction: the appointment check-in issues its ticket in the
 * transaction that marks the appointment checked in. `applicantType` and a cached availability are
 * read before the transaction (see issueTicket).
 */
export async function issueInTx(
  tx: Tx,
  hallTz: string,
  now: Date,
  req: IssueRequest,
  applicantType: 'student' | 'staff' | 'anyone',
  cachedAvailability: Availability | null,
): Promise<IssuedTicket> {
  const read = () =>
    tx
      .select({
        id: services.id,
        nameZh: services.nameZh,
        nameEn: services.nameEn,
        active: services.active,
        dailyCap: services.dailyCap,
        familyCode: services.familyCode,
        prefix: windowFamilies.ticketPrefix,
      })
      .from(services)
      .innerJoin(windowFamilies, eq(windowFamilies.code, services.familyCode))
      .where(eq(services.id, req.serviceId));
  let [service] = await read();
  // Locking the service row serialises issues of one service, so the daily cap cannot be overrun
  // and one person cannot get two active tickets for it. An anonymous kiosk ticket of a service
  // without a cap needs neither: the morning's kiosks do not queue on the row.
  // NO KEY UPDATE, not UPDATE: it queues those who take it, but not the foreign-key check of an
  // unlocked issue's ticket insert (KEY SHARE), which would otherwise deadlock with it over the
  // prefix counter.
  if (service && (service.dailyCap !== null || req.personId !== null)) [service] = await read().for('no key update', { of: services });
  if (!service?.active) throw notFound('service', `No service with id ${req.serviceId}`);

  const availability = cachedAvailability ?? (await serviceAvailability(tx, service.id, hallTz, now));
  // A booked slot lies within the hours, and its check-in window may open before them.
  if (!availability.open && req.channel !== 'appointment') {
    throw new AppError(
      409,
      'service_closed',
      'This service is closed now',
      availability.nextOpensAt ? `It opens at ${availability.nextOpensAt}` : 'It has no announced opening time',
      undefined,
      availability.nextOpensAt ? { nextOpensAt: availability.nextOpensAt } : undefined,
    );
  }
  const day = hallDate(hallTz, now);
  // Appointments were limited by their slots' capacity when booked.
  if (service.dailyCap !== null && req.channel !== 'appointment') {
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.serviceId, service.id), eq(tickets.hallDate, day), sql`${tickets.transferredFromId} is null`, notInArray(tickets.status, ['cancelled'])));
    if (count!.n >= service.dailyCap) {
      throw new AppError(409, 'daily_cap_reached', 'No more tickets for this service today', `This service handles ${service.dailyCap} cases a day.`);
    }
  }
  if (req.personId !== null) {
    const [active] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.personId, req.personId), eq(tickets.serviceId, service.id), inArray(tickets.status, [...ACTIVE_STATUSES])));
    if (active) {
      throw new AppError(409, 'ticket_already_active', 'You already hold a ticket for this service', `Ticket ${active.number}`, undefined, { ticketId: active.id });
    }
  }

  const [ticket] = await tx.execute<IssuedRow>(issueStatement(day, now, req, applicantType, sql`select ${service.id}::int as id, ${service.prefix}::text as prefix`));
  // A new ticket moves nobody forward: only its own holder, if it has one, may be near the front.
  if (req.personId !== null) await notifyHeadsUp(tx, service.id, day, req.headsUpPosition, now);
  return issuedTicket(ticket!, req, now, availability, { id: service.id, nameZh: service.nameZh, nameEn: service.nameEn });
}

/** The student or staff member a kiosk caller names by their number. */
export async function personByNumber(db: Db, number: string): Promise<number> {
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.number, number));
  if (!person) throw new AppError(404, 'person_not_found', 'No student or staff member has this number');
  return person.id;
}
