import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { people } from './people.ts';
import { tickets } from './tickets.ts';

/** Window 8 lends out the collective household card page (借用户籍卡原件) and takes it back. */
export const householdCardLoans = pgTable(
  'household_card_loans',
  {
    id: serial('id').primaryKey(),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    purpose: text('purpose').notNull(),
    lentAt: timestamp('lent_at', { withTimezone: true }).notNull().defaultNow(),
    lentBy: integer('lent_by')
      .notNull()
      .references(() => accounts.id),
    dueOn: date('due_on').notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedTo: integer('returned_to').references(() => accounts.id),
  },
  (t) => [
    index('household_card_loans_open_idx')
      .on(t.dueOn)
      .where(sql`${t.returnedAt} is null`),
    index('household_card_loans_person_idx').on(t.personId),
  ],
);
