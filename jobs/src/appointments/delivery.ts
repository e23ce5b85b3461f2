import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@campus/db';

/** What an appointment's holder is told: a reminder, a suspension, a cancellation by the hall. */
export type AppointmentNoticeKind = 'appointment.reminder' | 'appointment.suspended' | 'appointment.cancelled_by_hall';

/**
 * How a person is told something. The in-app one writes the notifications table; an SMS, e-mail
 * or WeChat delivery implements the same interface and is chosen where the workers start, so
 * nothing that books, sweeps or closes changes with it.
 */
export interface NotificationDelivery {
  deliver(accountId: number, kind: AppointmentNoticeKind, payload: Record<string, unknown>): Promise<void>;
}

/** In-app notifications, written in the caller's transaction (or on its own with a Db). */
export function inAppDelivery(db: Db | Tx): NotificationDelivery {
  return {
    async deliver(accountId, kind, payload) {
      await db.execute(sql`insert into notifications (account_id, kind, payload) values (${accountId}, ${kind}, ${JSON.stringify(payload)}::jsonb)`);
    },
  };
}

/** Tells every account of a person (a person may have none: then nobody is told in-app). */
export async function deliverToPerson(
  db: Db | Tx,
  delivery: NotificationDelivery,
  personId: number,
  kind: AppointmentNoticeKind,
  payload: Record<string, unknown>,
): Promise<number> {
  const accounts = await db.execute<{ id: number }>(sql`select id from accounts where person_id = ${personId}`);
  for (const a of accounts) await delivery.deliver(a.id, kind, payload);
  return accounts.length;
}
