import { sql, type SQL } from 'drizzle-orm';

/**
 * How many tickets of a window family wait: the one count that events carry and board snapshots
 * show, used by the server and the workers alike. `familyCode` is an SQL expression of the caller's
 * query; the subquery's own aliases are unlikely names so they never shadow the caller's.
 */
export const waitingInFamily = (familyCode: SQL) => sql`(select count(*)::int from tickets wif_t join services wif_s on wif_s.id = wif_t.service_id
  where wif_t.status = 'waiting' and wif_s.family_code = ${familyCode})`;
