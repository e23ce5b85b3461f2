import { sql } from 'drizzle-orm';
import type { Tx } from '@campus/db';
import { frontOfLineSharingWindowsWith, positionsOf } from './position.ts';

/**
 * When a ticket reaches the first `position` places of its line, its holder (if they have an
 * account) gets an in-app notification once, so people who took a ticket online come back in time.
 * The place is the one the ticket page shows (`positionsOf`): the line of every service sharing a
 * window with the one that moved. Runs in the transaction that moved the line.
 */
export async function notifyHeadsUp(tx: Tx, serviceId: number, hallDay: string, position: number, now: Date): Promise<number> {
  const candidates = await tx.execute<{ id: string; account_id: number; number: string; service_zh: string; service_en: string }>(sql`
    select t.id, a.id as account_id, t.number, s.name_zh as service_zh, s.name_en as service_en
    from tickets t join accounts a on a.person_id = t.person_id join services s on s.id = t.service_id
    where t.id = any(array(${frontOfLineSharingWindowsWith(serviceId, hallDay, position)}))
      and not exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'heads_up')`);
  if (candidates.length === 0) return 0;
  const places = await positionsOf(tx, candidates.map((c) => c.id), now);
  let told = 0;
  for (const c of candidates) {
    const ahead = places.get(c.id)?.ahead;
    if (ahead === undefined || ahead >= position) continue;
    await tx.execute(sql`insert into notifications (account_id, kind, payload) values (${c.account_id}, 'queue.heads_up',
      ${JSON.stringify({ ticketId: c.id, number: c.number, ahead, serviceNameZh: c.service_zh, serviceNameEn: c.service_en })}::jsonb)`);
    await tx.execute(sql`insert into ticket_events (ticket_id, type, from_status, to_status, reason)
      values (${c.id}, 'heads_up', 'waiting', 'waiting', ${`${ahead} ahead`})`);
    told += 1;
  }
  return told;
}
