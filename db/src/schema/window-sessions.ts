import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { windowSessionStatus } from './enums.ts';
import { windows } from './windows.ts';

/** A clerk staffing a window: one live session per window, one live window per clerk. */
export const windowSessions = pgTable(
  'window_sessions',
  {
    id: serial('id').primaryKey(),
    windowId: integer('window_id')
      .notNull()
      .references(() => windows.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    status: windowSessionStatus('status').notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Priority fairness bookkeeping: priority tickets called since the last normal one. */
    priorityStreak: integer('priority_streak').notNull().default(0),
  },
  (t) => [
    uniqueIndex('window_sessions_live_window_idx')
      .on(t.windowId)
      .where(sql`${t.status} <> 'closed'`),
    uniqueIndex('window_sessions_live_account_idx')
      .on(t.accountId)
      .where(sql`${t.status} <> 'closed'`),
    index('window_sessions_opened_idx').on(t.openedAt),
  ],
);
