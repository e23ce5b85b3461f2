import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';

/**
 * Outbox: events written in the same transaction as the change, published to Redis after commit.
 * The id is the hall's monotonically increasing event sequence.
 */
export const hallEvents = pgTable(
  'hall_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Add this service's family waiting count to the payload when the event takes its place (at commit). */
    countFamilyOf: integer('count_family_of'),
  },
  (t) => [
    index('hall_events_unpublished_idx').on(t.seq).where(sql`${t.publishedAt} is null`),
    // The board's "last calls" read today's events only.
    index('hall_events_created_idx').on(t.createdAt),
  ],
);

/** Notices scrolling on the lobby board. */
export const notices = pgTable('notices', {
  id: serial('id').primaryKey(),
  textZh: text('text_zh').notNull(),
  textEn: text('text_en'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
