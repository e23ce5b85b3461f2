import { sql } from 'drizzle-orm';
import { revokeGrants, type Db } from '@campus/db';

/** A grant's validity ended: revoke it, if it is still the version the delayed job was made for. */
export async function expireGrant(db: Db, grantId: number, version: number): Promise<{ revoked: number }> {
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ id: number }>(sql`
      select id from lock_grants
       where id = ${grantId} and version = ${version} and revoke_reason is null and valid_to <= now() + interval '1 second'
       for update`);
    if (due.length === 0) return { revoked: 0 };
    return { revoked: (await revokeGrants(tx, [grantId], 'validity_end')).length };
  });
}

export const EXPIRE_BATCH = 500;

/** The sweep behind the delayed jobs: every grant past its validity end and not yet revoked, in batches. */
export async function expireDueGrants(db: Db): Promise<{ revoked: number }> {
  let revoked = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx.execute<{ id: number }>(sql`
        select id from lock_grants where revoke_reason is null and valid_to <= now()
         order by id limit ${EXPIRE_BATCH} for update skip locked`);
      return (await revokeGrants(tx, due.map((d) => Number(d.id)), 'validity_end')).length;
    });
    revoked += n;
    if (n < EXPIRE_BATCH) return { revoked };
  }
}
