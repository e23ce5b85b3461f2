import { sql, type SQL } from 'drizzle-orm';

/**
 * The counter's upsert, returning `last_seq`: the next number of a prefix for a hall day. It takes
 * the counter row's lock until commit, so concurrent issuers get distinct, consecutive numbers, and
 * a rolled-back issue returns its number. The head of the insert.
 */
export function nextSequenceQuery(day: string, prefix: string): SQL {
  return sql`insert into ticket_sequences (hall_date, prefix, last_seq) values (${day}, ${prefix}, 1)
    on conflict (hall_date, prefix) do update set last_seq = ticket_sequences.last_seq + 1
    returning last_seq`;
}

/** `formatTicketNumber` in SQL, of `n.last_seq`: A001 … A999, then A1000. */
export function ticketNumberSql(prefix: string): SQL {
  return sql`${prefix} || case when n.last_seq >= 1000 then n.last_seq::text else lpad(n.last_seq::text, 3, '0') end`;
}
