import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { departments } from './departments.ts';
import { personKind, personStatus, photoStatus } from './enums.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Students and staff: the people the hall serves. Accounts are separate (a person may have none). */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    kind: personKind('kind').notNull(),
    /** Student or staff number (学号/工号). */
    number: text('number').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** College or unit. */
    unitId: integer('unit_id').references(() => departments.id),
    unitName: text('unit_name'),
    className: text('class_name'),
    /** Last six characters of the ID number: the default campus-card password. The full number is never stored. */
    idNumberTail: text('id_number_tail'),
    /** Household registered in the university's collective household (集体户): window 8 services depend on it. */
    collectiveHousehold: boolean('collective_household').notNull().default(false),
    /** Students: expected graduation; staff: contract end. Card validity follows it. */
    validUntil: date('valid_until'),
    status: personStatus('status').notNull().default('active'),
    leftOn: date('left_on'),
    phone: text('phone'),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_name_idx').on(t.name)],
);

/** ID photos (272×354, light-blue background); one accepted upload per person. */
export const personPhotos = pgTable(
  'person_photos',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: photoStatus('status').notNull().default('pending'),
    width: smallint('width').notNull(),
    height: smallint('height').notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('person_photos_one_accepted_idx')
      .on(t.personId)
      .where(sql`${t.status} = 'accepted'`),
  ],
);
