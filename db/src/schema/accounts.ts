import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
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
  failedAttempts: smallint('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
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
  (t) => [index('auth_sessions_account_idx').on(t.accountId)],
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
