import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { appointmentRules } from '../schema/appointments.ts';

export type AppointmentRules = typeof appointmentRules.$inferSelect;

/**
 * The hall's booking rules (the one-row table, migration 0009 inserts it). The server's check-in and
 * closures and the workers' sweeper and reminders all read them here, so a rule has one home.
 */
export async function readAppointmentRules(db: Db | Tx): Promise<AppointmentRules> {
  const [rules] = await db.select().from(appointmentRules).where(eq(appointmentRules.id, 1));
  if (!rules) throw new Error('appointment_rules has no row: run the migrations');
  return rules;
}
