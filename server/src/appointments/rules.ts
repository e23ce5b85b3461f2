import { eq } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@campus/db';

const { appointmentRules } = schema;

export type AppointmentRules = typeof appointmentRules.$inferSelect;

/** The hall's booking rules (one row, created by migration 0009 with the defaults). */
export async function readRules(db: Db | Tx): Promise<AppointmentRules> {
  const [rules] = await db.select().from(appointmentRules).where(eq(appointmentRules.id, 1));
  if (!rules) throw new Error('appointment_rules has no row 1: run the migrations');
  return rules;
}

/** Statuses holding a seat: a live appointment. */
export const LIVE_STATUSES = ['booked', 'checked_in'] as const;
