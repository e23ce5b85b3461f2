import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { cardEventType, cardProductionStatus, cardReplaceReason, cardStatus, cardTypeCode } from './enums.ts';
import { people } from './people.ts';

/** 工作证, 学生证, 研究生证, 普通校园卡, 消费卡, 校友卡, 后勤就餐卡. */
export const cardTypes = pgTable('card_types', {
  code: cardTypeCode('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  identity: boolean('identity').notNull(),
  realName: boolean('real_name').notNull(),
  holdersZh: text('holders_zh').array().notNull(),
  approvingDepartmentZh: text('approving_department_zh').notNull(),
  requiredDocumentsZh: text('required_documents_zh').array().notNull(),
  bulkDoorAccess: boolean('bulk_door_access').notNull(),
  feeFen: integer('fee_fen').notNull(),
  firstCardFree: boolean('first_card_free').notNull(),
  closeAfterLeavingDays: integer('close_after_leaving_days'),
  validityRuleZh: text('validity_rule_zh').notNull(),
});

export const cards = pgTable(
  'cards',
  {
    id: serial('id').primaryKey(),
    /** Printed/chip number; what controllers know the card by. */
    cardNo: text('card_no').notNull().unique(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    typeCode: cardTypeCode('type_code')
      .notNull()
      .references(() => cardTypes.code),
    status: cardStatus('status').notNull().default('active'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    validUntil: date('valid_until'),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
    lostAt: timestamp('lost_at', { withTimezone: true }),
    replacedById: integer('replaced_by_id').references((): AnyPgColumn => cards.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Where the physical card is in its making; null for a card already handed over (the seeded ones). */
    productionStatus: cardProductionStatus('production_status'),
    /** What the holder said is wrong with the card information or photo, until a clerk asks again. */
    infoFlag: jsonb('info_flag').$type<{ fields: string[]; note: string | null }>(),
    infoConfirmedAt: timestamp('info_confirmed_at', { withTimezone: true }),
  },
  (t) => [
    // One card per person: at most one card that is usable or merely reported lost.
    uniqueIndex('cards_one_live_per_person_idx')
      .on(t.personId)
      .where(sql`${t.status} in ('active', 'lost')`),
    index('cards_person_idx').on(t.personId),
  ],
);

/** The card's lifecycle history; also counts self-service report-lost per semester. */
export const cardEvents = pgTable(
  'card_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cardId: integer('card_id')
      .notNull()
      .references(() => cards.id),
    type: cardEventType('type').notNull(),
    /** Self-service (kiosk/online) vs at a window. */
    selfService: boolean('self_service').notNull().default(false),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    feeFen: integer('fee_fen').notNull().default(0),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('card_events_card_idx').on(t.cardId, t.at)],
);

/** Replacement card numbers: chip ids the controllers learn, never reused. */
export const cardNumberSeq = pgSequence('card_no_seq', { startWith: 30000001 });

/**
 * A card replaced by another (补卡): the fee charged, and the old card's balance, which reaches the
 * new card three days later (003, window 21). One row per old card: a second replacement of the
 * same card is refused by the database even when two clerks press at once.
 */
export const cardReplacements = pgTable(
  'card_replacements',
  {
    id: serial('id').primaryKey(),
    oldCardId: integer('old_card_id')
      .notNull()
      .unique()
      .references(() => cards.id),
    newCardId: integer('new_card_id')
      .notNull()
      .unique()
      .references(() => cards.id),
    reason: cardReplaceReason('reason').notNull(),
    feeFen: integer('fee_fen').notNull(),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull(),
    balanceDueAt: timestamp('balance_due_at', { withTimezone: true }).notNull(),
    balanceMovedAt: timestamp('balance_moved_at', { withTimezone: true }),
    selfService: boolean('self_service').notNull().default(false),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('card_replacements_balance_due_idx').on(t.balanceDueAt).where(sql`${t.balanceMovedAt} is null`)],
);
