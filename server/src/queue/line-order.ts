import { sql, type SQL } from 'drizzle-orm';

/**
 * Whether a waiting ticket is an appointment that is due: call-next serves these first, and the
 * place in line counts them first. An appointment checked in early queues from its slot's start
 * (the check-in sets `queued_at` to it), so until then it waits in the plain line as if it came
 * at that moment, and from then on it goes first. `alias` is the tickets row's alias in the query;
 * `now` is the caller's reading of the app's clock (a parameter, not the database's `now()`, so
 * one instant decides and a test can move it).
 */
export function appointmentDue(alias: 't' | 'o' | 'me' | 'tickets', now: Date): SQL {
  const t = sql.raw(alias);
  return sql`(${t}.channel = 'appointment' and ${t}.queued_at <= ${now.toISOString()}::timestamptz)`;
}
