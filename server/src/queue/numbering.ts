import { sql } from 'drizzle-orm';
import type { Tx } from '@campus/db';

/**
 * Next number of a prefix for a hall day. The upsert takes the counter row's lock until commit, so
 * concurrent issuers get distinct, consecutive numbers, and a rolled-back issue returns its number.
 */
export async function nextSequence(tx: Tx, day: string, prefix: string): Promise<number> {
  const [row] = await tx.execute<{ last_seq: number }>(sql`
    insert into ticket_sequences (hall_date, prefix, last_seq) values (${day}, ${prefix}, 1)
    on conflict (hall_date, prefix) do update set last_seq = ticket_sequences.last_seq + 1
    returning last_seq`);
  return row!.last_seq;
}
