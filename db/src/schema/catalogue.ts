import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { applicantType, materialKind } from './enums.ts';
import { departments } from './departments.ts';
import { windowFamilies, windows } from './windows.ts';

/** One thing the hall does for people: 办理事务. */
export const services = pgTable(
  'services',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    familyCode: text('family_code')
      .notNull()
      .references(() => windowFamilies.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** Charged by the hall, integer fen. */
    feeFen: integer('fee_fen').notNull().default(0),
    feeNoteZh: text('fee_note_zh'),
    feeNoteEn: text('fee_note_en'),
    departmentId: integer('department_id').references(() => departments.id),
    onlineAltZh: text('online_alt_zh'),
    onlineAltEn: text('online_alt_en'),
    onlineAltUrl: text('online_alt_url'),
    appointmentEnabled: boolean('appointment_enabled').notNull().default(false),
    handlingMinutes: smallint('handling_minutes').notNull().default(10),
    /** Length of a booking slot; null = the handling minutes. */
    slotMinutes: smallint('slot_minutes'),
    /** Seats per window per slot; null = the hall's rule (`appointment_rules`). */
    perWindowCapacity: smallint('per_window_capacity'),
    /** Most cases a day (null = no cap); used by the queue. */
    dailyCap: integer('daily_cap'),
    /** Priority fairness: after this many priority tickets serve one normal ticket. */
    priorityRun: smallint('priority_run').notNull().default(2),
    editorialNoteZh: text('editorial_note_zh'),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    /** Text the finder searches besides name and keywords: materials and steps, kept by the seed/admin code. */
    searchText: text('search_text').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('services_family_idx').on(t.familyCode),
    index('services_name_trgm_idx').using('gin', sql`${t.nameZh} gin_trgm_ops`),
    index('services_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('services_keywords_idx').using('gin', t.keywords),
  ],
);

/** Which windows serve which service (14/15 and 20/22/23 share services). */
export const serviceWindows = pgTable(
  'service_windows',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    windowId: integer('window_id')
      .notNull()
      .references(() => windows.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.windowId] }), index('service_windows_window_idx').on(t.windowId)],
);

/** 申请材料: what to bring, per applicant type. */
export const serviceMaterials = pgTable(
  'service_materials',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: materialKind('kind').notNull(),
    formUrl: text('form_url'),
    required: boolean('required').notNull().default(true),
    applicantType: applicantType('applicant_type').notNull().default('anyone'),
    noteZh: text('note_zh'),
    noteEn: text('note_en'),
  },
  (t) => [index('service_materials_service_idx').on(t.serviceId, t.position)],
);

/** 服务流程: ordered steps, optionally per applicant type and per named flow. */
export const serviceSteps = pgTable(
  'service_steps',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    applicantType: applicantType('applicant_type').notNull().default('anyone'),
    flowZh: text('flow_zh'),
    flowEn: text('flow_en'),
  },
  (t) => [index('service_steps_service_idx').on(t.serviceId, t.position)],
);

/** 其他相关信息. */
export const serviceLinks = pgTable('service_links', {
  id: serial('id').primaryKey(),
  serviceId: integer('service_id')
    .notNull()
    .references(() => services.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  url: text('url').notNull(),
});

/** 自助机器: information only, no queue. */
export const selfServiceMachines = pgTable('self_service_machines', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  locationZh: text('location_zh'),
  locationEn: text('location_en'),
  instructionsZh: text('instructions_zh').array().notNull(),
  instructionsEn: text('instructions_en').array().notNull(),
  functions: jsonb('functions')
    .$type<{ groupZh: string; groupEn: string; itemsZh: string[]; itemsEn: string[] }[]>()
    .notNull(),
  sort: integer('sort').notNull().default(0),
});
