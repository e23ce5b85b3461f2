import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { deviceKind, role } from './enums.ts';
import { people } from './people.ts';
import { windows } from './windows.ts';

/** Sign-in identities. Students and staff sign in with their number; the admin may have no person. */
export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .unique()
    .references(() => people.id),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id. */
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /**
   * Account-wide wrong passwords, from every source, since `failureWindowStartedAt`: a distributed
   * guess. Reaching LOGIN_ACCOUNT_MAX_FAILURES within the window sets `lockedUntil`, which refuses
   * sign-in from everywhere. Per-source counts (the usual lock) live in `login_failures`.
   */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  failureWindowStartedAt: timestamp('failure_window_started_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Wrong passwords since the last successful sign-in: the person is told at the next one. */
  failuresSinceLogin: integer('failures_since_login').notNull().default(0),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] })],
);

/** A clerk acts only on the windows assigned here. */
export const clerkWindows = pgTable(
  'clerk_windows',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    windowId: integer('window_id')
      .notNull()
      .references(() => windows.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.windowId] })],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('auth_sessions_account_idx').on(t.accountId),
    // The retention prune finds expired sessions by it (last_seen_at changes on every request: no index there).
    index('auth_sessions_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Consecutive wrong passwords per account and source (a client address, or a device for a
 * device-token caller). LOGIN_MAX_FAILURES of them lock the account for that source only, so
 * someone guessing from one place cannot keep the owner out everywhere else. A success from the
 * source resets its count; a lock that has run out starts a fresh one.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    sourceKind: text('source_kind').$type<'ip' | 'device'>().notNull(),
    /** The client address as resolved with TRUST_PROXY, or the device id. */
    source: text('source').notNull(),
    failures: integer('failures').notNull().default(0),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.sourceKind, t.source] }),
    index('login_failures_locked_idx').on(t.lockedUntil),
    check('login_failures_source_kind_chk', sql`${t.sourceKind} in ('ip', 'device')`),
  ],
);

/** Kiosks and lobby displays: long random bearer tokens, stored hashed, revocable. */
export const devices = pgTable(
  'devices',
  {
    id: serial('id').primaryKey(),
    kind: deviceKind('kind').notNull(),
    name: text('name').notNull(),
    location: text('location'),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('devices_token_idx').on(t.tokenHash),
    uniqueIndex('devices_name_idx')
      .on(t.name)
      .where(sql`${t.revokedAt} is null`),
  ],
);
