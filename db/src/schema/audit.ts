import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, devices } from './accounts.ts';

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE.
 * Summaries never hold passwords or tokens.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    actorRole: text('actor_role'),
    deviceId: integer('device_id').references(() => devices.id),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_actor_idx').on(t.actorAccountId, t.at),
  ],
);
