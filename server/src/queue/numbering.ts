import { sql, type SQL } from 'drizzle-orm';

/**
 * The counter's upsert, returning `last_seq`: the next number of a prefix for a hall day. It takes
 * the counter row's lock until commit, so concurrent issuers get distinct, consecutive numbers, and
 * a rolled-back issue returns its number. The head of the insert: one counter row for
 * each row of `from`, which gives the `prefix`.
 */
export function nextSequenceQuery(day: string, prefix: SQL, from: SQL): SQL {
  return sql`insert into ticket_sequences (hall_date, prefix, last_seq) select ${day}::date, ${prefix}, 1 from ${from}
    on conflict (hall_date, prefix) do update set last_seq = ticket_sequences.last_seq + 1
    returning prefix, last_seq`;
}

/** `formatTicketNumber` in SQL, of `n.prefix` and `n.last_seq`: A001 … A999, then A1000. */
export const ticketNumberSql: SQL = sql`n.prefix || case when n.last_seq >= 1000 then n.last_seq::text else lpad(n.last_seq::text, 3, '0') end`;
