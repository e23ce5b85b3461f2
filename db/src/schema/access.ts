import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { cards } from './cards.ts';
import { buildingKind, controllerStatus, doorKind, grantStatus } from './enums.ts';
import { people } from './people.ts';

export const buildings = pgTable('buildings', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  kind: buildingKind('kind').notNull(),
  campus: text('campus'),
});

export const rooms = pgTable(
  'rooms',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    number: text('number').notNull(),
    floor: smallint('floor').notNull(),
    beds: smallint('beds').notNull().default(4),
  },
  (t) => [unique('rooms_building_number_uniq').on(t.buildingId, t.number)],
);

/** Who lives where; door access follows the current assignment. */
export const dormAssignments = pgTable(
  'dorm_assignments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    bed: smallint('bed'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
  },
  (t) => [
    uniqueIndex('dorm_assignments_current_idx')
      .on(t.personId)
      .where(sql`${t.endsOn} is null`),
    index('dorm_assignments_room_idx').on(t.roomId),
  ],
);

/** An access controller (门禁控制器): receives HMAC-signed grant/revoke pushes. */
export const controllers = pgTable('controllers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  buildingId: integer('building_id').references(() => buildings.id),
  /** Base URL the workers push to. */
  endpoint: text('endpoint').notNull(),
  /**
   * Shared HMAC secret, sealed with AES-256-GCM under CONTROLLER_SECRET_KEY (`enc:v1:…`, see
   * `controller-secret.ts`); the workers open it to sign. Never sent to clients.
   */
  secret: text('secret').notNull(),
  status: controllerStatus('status').notNull().default('active'),
  /** The last acknowledgement the controller sent. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  /** Reconciliation: when it last read the controller's list, the differences it found then and in all. */
  lastReconciledAt: timestamp('last_reconciled_at', { withTimezone: true }),
  driftLast: integer('drift_last').notNull().default(0),
  driftTotal: bigint('drift_total', { mode: 'number' }).notNull().default(0),
});

export const doors = pgTable(
  'doors',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    roomId: integer('room_id').references(() => rooms.id),
    controllerId: integer('controller_id').references(() => controllers.id),
    kind: doorKind('kind').notNull(),
    nameZh: text('name_zh').notNull(),
  },
  (t) => [index('doors_room_idx').on(t.roomId), index('doors_controller_idx').on(t.controllerId)],
);

/**
 * The desired state of one card on one door, and how far the controller has caught up.
 * `version` grows with each change so a late acknowledgement of an older push is ignored.
 */
export const lockGrants = pgTable(
  'lock_grants',
  {
    id: serial('id').primaryKey(),
    cardId: integer('card_id')
      .notNull()
      .references(() => cards.id),
    doorId: integer('door_id')
      .notNull()
      .references(() => doors.id),
    status: grantStatus('status').notNull().default('pending'),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    reason: text('reason').notNull(),
    /** The validity window of the grant (hall time as instants); null `validTo` = open-ended. */
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    /** Why a revocation was asked ('card_lost', 'card_replaced', 'dorm_change', …); null while granted. */
    revokeReason: text('revoke_reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    unique('lock_grants_card_door_uniq').on(t.cardId, t.doorId),
    index('lock_grants_pending_idx')
      .on(t.status)
      .where(sql`${t.status} in ('pending', 'revoke_pending', 'failed')`),
  ],
);

/**
 * The door pipeline's outbox: one controller command per (card, door) change, written in the same
 * transaction as the change (`queueDoorCommands`). The relay moves unrelayed rows into the
 * controller's BullMQ queue; `status` follows the command: queued → sent → acked | failed.
 */
export const doorCommands = pgTable(
  'door_commands',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    grantId: integer('grant_id')
      .notNull()
      .references(() => lockGrants.id, { onDelete: 'cascade' }),
    controllerId: integer('controller_id')
      .notNull()
      .references(() => controllers.id),
    command: text('command', { enum: ['grant', 'revoke'] }).notNull(),
    cardNo: text('card_no').notNull(),
    doorCode: text('door_code').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    version: bigint('version', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['queued', 'sent', 'acked', 'failed', 'superseded'] }).notNull().default('queued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ackedAt: timestamp('acked_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('door_commands_unrelayed_idx')
      .on(t.id)
      .where(sql`${t.relayedAt} is null`),
    unique('door_commands_grant_version_uniq').on(t.grantId, t.version),
    index('door_commands_controller_status_idx').on(t.controllerId, t.status),
  ],
);
