import { sql, type SQL } from 'drizzle-orm';

/**
 * How many tickets of a window family wait: the one count that events carry and board snapshots
 * show, used by the server and the workers alike. Read from `family_waiting`, which a trigger on
 * `tickets` keeps in the changing transaction (migration 0006), so it costs a sum of at most 16
 * rows however long the line, by the SQL function `family_waiting_count` (migration 0008) the
 * outbox writer uses too. `familyCode` is an SQL expression of the caller's query.
 */
export const waitingInFamily = (familyCode: SQL) =>
  sql`family_waiting_count(${familyCode})`;
