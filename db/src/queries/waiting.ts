import { sql, type SQL } from 'drizzle-orm';

/**
 * How many tickets of a window family wait: the one count that events carry and board snapshots
 * show, used by the server and the workers alike. Read from `family_waiting`, which a trigger on
 * `tickets` keeps in the changing transaction (migration 0006), so it costs a sum of at most 16
 * rows however long the line. `familyCode` is an SQL expression of the caller's query; the subquery's alias is
 * an unlikely name so it never shadows the caller's.
 */
export const waitingInFamily = (familyCode: SQL) =>
  sql`coalesce((select sum(wif_fw.waiting)::int from family_waiting wif_fw where wif_fw.family_code = ${familyCode}), 0)`;
