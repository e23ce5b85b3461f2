import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointmentStatus } from './enums.ts';
import { people } from './people.ts';
import { services } from './catalogue.ts';

/** Bookable capacity: per service and weekday, slots of N minutes with M places each. */
export const appointmentCapacity = pgTable(
  'appointment_capacity',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    slotMinutes: smallint('slot_minutes').notNull(),
    placesPerSlot: smallint('places_per_slot').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    index('appointment_capacity_service_idx').on(t.serviceId, t.weekday),
    check('appointment_capacity_weekday_chk', sql`${t.weekday} between 1 and 7`),
    check('appointment_capacity_span_chk', sql`${t.startsAt} < ${t.endsAt}`),
    check('appointment_capacity_slot_chk', sql`${t.slotMinutes} > 0 and ${t.placesPerSlot} > 0`),
  ],
);

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
  },
  (t) => [
    index('appointments_slot_idx').on(t.serviceId, t.slotStart),
    index('appointments_person_idx').on(t.personId, t.slotStart),
    uniqueIndex('appointments_one_live_idx')
      .on(t.personId, t.serviceId, t.slotStart)
      .where(sql`${t.status} in ('booked', 'checked_in')`),
    uniqueIndex('appointments_code_idx').on(t.checkInCode, t.slotStart),
  ],
);
