import { type AnyPgColumn, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';

/** Units that run windows (保卫处) and units that accept cases (学生资助中心, under 学工办). */
export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  phones: text('phones').array().notNull().default([]),
  address: text('address'),
  website: text('website'),
});
