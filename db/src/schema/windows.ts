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
  unique,
} from 'drizzle-orm/pg-core';
import { departments } from './departments.ts';
import { windowStatus } from './enums.ts';

/** Student affairs, household registration, academic affairs, card center, door lock, … */
export const windowFamilies = pgTable(
  'window_families',
  {
    code: text('code').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    ticketPrefix: text('ticket_prefix').notNull().unique(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [check('window_families_prefix_chk', sql`${t.ticketPrefix} ~ '^[A-Z]$'`)],
);

export const windows = pgTable(
  'windows',
  {
    id: serial('id').primaryKey(),
    number: smallint('number').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    familyCode: text('family_code')
      .notNull()
      .references(() => windowFamilies.code),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    phone: text('phone'),
    location: text('location'),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** When the seed gives no fixed hours (window 7 follows announcements). */
    hoursNoteZh: text('hours_note_zh'),
    hoursNoteEn: text('hours_note_en'),
    status: windowStatus('status').notNull().default('active'),
  },
  (t) => [index('windows_family_idx').on(t.familyCode)],
);

/** Weekly opening rules in hall-local time: Mon–Thu 09:00–17:00, Fri 09:00–12:00, Thursday-only windows. */
export const windowHours = pgTable(
  'window_hours',
  {
    id: serial('id').primaryKey(),
    windowId: integer('window_id')
      .notNull()
      .references(() => windows.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    opens: time('opens').notNull(),
    closes: time('closes').notNull(),
    /** Seasonal rules (e.g. summer hours); null = always. */
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    index('window_hours_window_idx').on(t.windowId, t.weekday),
    check('window_hours_weekday_chk', sql`${t.weekday} between 1 and 7`),
    check('window_hours_span_chk', sql`${t.opens} < ${t.closes}`),
  ],
);

/** Dated closures (holidays, meetings). A null window closes the whole hall. */
export const windowClosures = pgTable(
  'window_closures',
  {
    id: serial('id').primaryKey(),
    windowId: integer('window_id').references(() => windows.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('window_closures_dates_idx').on(t.startsOn, t.endsOn),
    check('window_closures_span_chk', sql`${t.startsOn} <= ${t.endsOn}`),
    unique('window_closures_uniq').on(t.windowId, t.startsOn, t.endsOn).nullsNotDistinct(),
  ],
);
