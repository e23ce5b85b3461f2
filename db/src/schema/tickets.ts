import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accounts, devices } from './accounts.ts';
import { applicantType, ticketChannel, ticketStatus } from './enums.ts';
import { serviceMaterials, services } from './catalogue.ts';
import { windowFamilies } from './windows.ts';
import { people } from './people.ts';
import { windows } from './windows.ts';

/** Daily counter per ticket prefix: `insert … on conflict do update … returning` hands out numbers without gaps or duplicates. */
export const ticketSequences = pgTable(
  'ticket_sequences',
  {
    hallDate: date('hall_date').notNull(),
    prefix: text('prefix').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallDate, t.prefix] })],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The hall-local day the number belongs to. */
    hallDate: date('hall_date').notNull(),
    prefix: text('prefix').notNull(),
    seq: integer('seq').notNull(),
    /** prefix + zero-padded seq, e.g. A001. A transfer keeps the number. */
    number: text('number').notNull(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    /** Window that called it (null while waiting, when any window of the service may). */
    windowId: integer('window_id').references(() => windows.id),
    /** Transfer to a named clerk. */
    assignedAccountId: integer('assigned_account_id').references(() => accounts.id),
    personId: integer('person_id').references(() => people.id),
    applicantType: applicantType('applicant_type').notNull().default('anyone'),
    channel: ticketChannel('channel').notNull(),
    deviceId: integer('device_id').references(() => devices.id),
    appointmentId: uuid('appointment_id'),
    priority: boolean('priority').notNull().default(false),
    status: ticketStatus('status').notNull().default('waiting'),
    /** Place in line: issue time, kept across transfers and no-show rejoins. */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    calledAt: timestamp('called_at', { withTimezone: true }),
    calledBy: integer('called_by').references(() => accounts.id),
    recallCount: smallint('recall_count').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    finishedBy: integer('finished_by').references(() => accounts.id),
    /** Items the clerk found missing (materials_missing outcome). */
    missingMaterialIds: integer('missing_material_ids').array(),
    checklistOverrideReason: text('checklist_override_reason'),
    note: text('note'),
    transferredFromId: uuid('transferred_from_id').references((): AnyPgColumn => tickets.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A transferred ticket keeps its number, so only originals must be unique.
    uniqueIndex('tickets_number_idx')
      .on(t.hallDate, t.prefix, t.seq)
      .where(sql`${t.transferredFromId} is null`),
    index('tickets_waiting_idx')
      .on(t.serviceId, t.priority, t.queuedAt)
      .where(sql`${t.status} = 'waiting'`),
    // Call-next's and heads-up's walk of a service's line in arrival order, without a sort.
    index('tickets_line_idx')
      .on(t.serviceId, t.hallDate, t.queuedAt, t.seq)
      .where(sql`${t.status} = 'waiting'`),
    // The few waiting tickets that do not simply queue by arrival: checked-in appointments,
    // priority, and those sent to one window or clerk. Call-next and heads-up read them whole.
    index('tickets_line_special_idx')
      .on(t.serviceId, t.hallDate)
      .where(
        sql`${t.status} = 'waiting' and (${t.priority} or ${t.channel} = 'appointment' or ${t.windowId} is not null or ${t.assignedAccountId} is not null)`,
      ),
    // A service's last finished cases, newest first: the per-case minutes of every place-in-line
    // estimate. Without it each estimate read every ticket ever issued (a seq scan that grows
    // with the hall's history: 1.8 ms of a 3 ms place-in-line read at 22,000 rows).
    index('tickets_handled_idx')
      .on(t.serviceId, t.finishedAt.desc())
      .where(sql`${t.startedAt} is not null and ${t.finishedAt} is not null and ${t.status} in ('done', 'materials_missing', 'referred')`),
    index('tickets_person_idx').on(t.personId, t.status),
    index('tickets_day_idx').on(t.hallDate, t.status),
    // At most one active ticket per person and service.
    uniqueIndex('tickets_one_active_idx')
      .on(t.personId, t.serviceId)
      .where(sql`${t.personId} is not null and ${t.status} in ('waiting', 'called', 'serving', 'parked')`),
  ],
);

/** Every transition: who, when, from what to what. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: ticketStatus('from_status'),
    toStatus: ticketStatus('to_status').notNull(),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    deviceId: integer('device_id').references(() => devices.id),
    windowId: integer('window_id').references(() => windows.id),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);

/** The clerk's tick list: the service's materials for the holder's applicant type. */
export const ticketChecklist = pgTable(
  'ticket_checklist',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    materialId: integer('material_id')
      .notNull()
      .references(() => serviceMaterials.id),
    checked: boolean('checked').notNull().default(false),
    checkedBy: integer('checked_by').references(() => accounts.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.materialId] })],
);

/** 好差评: once per finished ticket. */
export const ticketFeedback = pgTable(
  'ticket_feedback',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    attitude: smallint('attitude').notNull(),
    efficiency: smallint('efficiency').notNull(),
    outcome: smallint('outcome').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'ticket_feedback_range_chk',
      sql`${t.attitude} between 1 and 5 and ${t.efficiency} between 1 and 5 and ${t.outcome} between 1 and 5`,
    ),
  ],
);

/**
 * How many tickets of each window family wait, kept by a trigger on `tickets` (migration 0006) in
 * the transaction that changes a ticket: the figure every event and board snapshot carries, read
 * as a sum of a few rows instead of counted over the whole line. Each change adds to the shard of
 * its database connection, so clerks calling at once in one family do not queue on one row; a
 * shard alone may go below zero, the family's sum never does.
 */
export const familyWaiting = pgTable(
  'family_waiting',
  {
    familyCode: text('family_code')
      .notNull()
      .references(() => windowFamilies.code),
    shard: smallint('shard').notNull(),
    waiting: integer('waiting').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.familyCode, t.shard] })],
);
