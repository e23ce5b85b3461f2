import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { appointmentStatus, waitlistStatus } from './enums.ts';
import { people } from './people.ts';
import { serviceMaterials, services } from './catalogue.ts';

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    slotEnd: timestamp('slot_end', { withTimezone: true }).notNull(),
    status: appointmentStatus('status').notNull().default('booked'),
    /** Short code shown to the student and typed at the kiosk. */
    checkInCode: text('check_in_code').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    ticketId: uuid('ticket_id'),
    /** The appointment this one replaced by a reschedule (the old row is `cancelled`). */
    rescheduledFromId: uuid('rescheduled_from_id').references((): AnyPgColumn => appointments.id),
    /** Who booked it when it was not the holder (a clerk booking for a student). */
    bookedByAccountId: integer('booked_by_account_id').references(() => accounts.id),
    cancelReason: text('cancel_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_slot_idx').on(t.serviceId, t.slotStart),
    index('appointments_person_idx').on(t.personId, t.slotStart),
    // At most one active appointment per service per person (the rule; the overall
    // maximum is counted in the booking transaction under the person's row lock).
    uniqueIndex('appointments_one_live_idx')
      .on(t.personId, t.serviceId)
      .where(sql`${t.status} in ('booked', 'checked_in')`),
    // The kiosk finds a booking by its code alone: unique among those not yet finished.
    uniqueIndex('appointments_code_idx')
      .on(t.checkInCode)
      .where(sql`${t.status} in ('booked', 'checked_in')`),
    // The no-show sweeper's walk of past slots still booked.
    index('appointments_due_idx').on(t.slotStart).where(sql`${t.status} = 'booked'`),
  ],
);

/**
 * The capacity table the booking transaction maintains: one row per service and slot, generated
 * from the windows' hours for the booking horizon. A seat is taken by the conditional update
 * `taken = taken + 1 where taken < capacity`, so the database, not the caller, refuses an
 * overbooking. `taken` counts live appointments plus seats held for a waitlist offer.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** The hall-local day, for a calendar's per-day sums. */
    hallDate: date('hall_date').notNull(),
    capacity: smallint('capacity').notNull(),
    taken: smallint('taken').notNull().default(0),
    /** A slot no longer offered (a closure declared later, hours changed); its bookings were cancelled. */
    withdrawn: boolean('withdrawn').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.startsAt] }),
    index('appointment_slots_day_idx').on(t.serviceId, t.hallDate),
    // Not `taken <= capacity`: an admin may lower a capacity below the seats already given.
    check('appointment_slots_taken_chk', sql`${t.taken} >= 0 and ${t.capacity} >= 0`),
    check('appointment_slots_span_chk', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Seats held back for walk-ins, per service (null = every service) and day part. */
export const appointmentWalkInReserves = pgTable(
  'appointment_walk_in_reserves',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id').references(() => services.id, { onDelete: 'cascade' }),
    /** 'morning' = slots starting before 12:00 hall time, 'afternoon' = the rest. */
    dayPart: text('day_part').notNull(),
    /** Seats of each slot kept for walk-ins. */
    seats: smallint('seats').notNull(),
  },
  (t) => [
    unique('appointment_walk_in_reserves_uniq').on(t.serviceId, t.dayPart).nullsNotDistinct(),
    check('appointment_walk_in_reserves_part_chk', sql`${t.dayPart} in ('morning', 'afternoon')`),
    check('appointment_walk_in_reserves_seats_chk', sql`${t.seats} >= 0`),
  ],
);

/** The hall's booking rules, one row (id = 1), editable by an admin. */
export const appointmentRules = pgTable(
  'appointment_rules',
  {
    id: smallint('id').primaryKey().default(1),
    horizonDays: smallint('horizon_days').notNull().default(14),
    minLeadMinutes: smallint('min_lead_minutes').notNull().default(30),
    cancelCutoffMinutes: smallint('cancel_cutoff_minutes').notNull().default(120),
    maxActivePerPerson: smallint('max_active_per_person').notNull().default(3),
    /** Seats per window per slot. */
    perWindowCapacity: smallint('per_window_capacity').notNull().default(1),
    waitlistHoldMinutes: smallint('waitlist_hold_minutes').notNull().default(15),
    checkInEarlyMinutes: smallint('check_in_early_minutes').notNull().default(15),
    checkInLateMinutes: smallint('check_in_late_minutes').notNull().default(10),
    noShowLimit: smallint('no_show_limit').notNull().default(3),
    noShowWindowDays: smallint('no_show_window_days').notNull().default(30),
    suspensionDays: smallint('suspension_days').notNull().default(14),
    /** Reminder offsets before the slot, in minutes (24 h and 1 h). */
    reminderMinutes: smallint('reminder_minutes').array().notNull().default(sql`'{1440,60}'::smallint[]`),
    /** Booking requests one account may send per 10 minutes (a person changing their mind, not a script). */
    bookingsPer10Minutes: smallint('bookings_per_10_minutes').notNull().default(30),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('appointment_rules_one_row_chk', sql`${t.id} = 1`)],
);

/** A full slot's queue of people who would take a seat freed by a cancellation. */
export const appointmentWaitlist = pgTable(
  'appointment_waitlist',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id').notNull(),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    status: waitlistStatus('status').notNull().default('waiting'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    /** While `offered`: the seat is held for this person until then. */
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
  },
  (t) => [
    foreignKey({ columns: [t.serviceId, t.slotStart], foreignColumns: [appointmentSlots.serviceId, appointmentSlots.startsAt] }).onDelete('cascade'),
    index('appointment_waitlist_slot_idx').on(t.serviceId, t.slotStart, t.id).where(sql`${t.status} in ('waiting', 'offered')`),
    uniqueIndex('appointment_waitlist_one_idx')
      .on(t.personId, t.serviceId, t.slotStart)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    index('appointment_waitlist_offers_idx').on(t.offerExpiresAt).where(sql`${t.status} = 'offered'`),
  ],
);

/** Booking suspended after repeated no-shows; lifted early only by a clerk or admin (audited). */
export const bookingSuspensions = pgTable(
  'booking_suspensions',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en').notNull(),
    /** The no-shows that caused it. */
    appointmentIds: uuid('appointment_ids').array().notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: integer('lifted_by').references(() => accounts.id),
  },
  (t) => [index('booking_suspensions_person_idx').on(t.personId, t.endsAt)],
);

/** What the student ticked as ready from the service's checklist; the clerk sees it at the call. */
export const appointmentMaterialTicks = pgTable(
  'appointment_material_ticks',
  {
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    materialId: integer('material_id')
      .notNull()
      .references(() => serviceMaterials.id, { onDelete: 'cascade' }),
    tickedAt: timestamp('ticked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.materialId] })],
);
