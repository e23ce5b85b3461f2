import { sql } from 'drizzle-orm';
import type { Tx } from '@campus/db';

/**
 * When a ticket reaches the first `position` places of its line, its holder (if they have an
 * account) gets an in-app notification once, so people who took a ticket online come back in time.
 * Runs in the transaction that moved the line.
 */
export async function notifyHeadsUp(tx: Tx, serviceId: number, hallDay: string, position: number): Promise<number> {
  const rows = await tx.execute<{ ticket_id: string; account_id: number; number: string; ahead: number; service_zh: string; service_en: string }>(sql`
    with line as (
      select t.id, t.number, t.person_id,
        row_number() over (order by (t.channel = 'appointment') desc, t.priority desc, t.queued_at, t.seq) - 1 as ahead
      from tickets t
      where t.service_id = ${serviceId} and t.hall_date = ${hallDay} and t.status = 'waiting'
    )
    select l.id as ticket_id, a.id as account_id, l.number, l.ahead::int as ahead, s.name_zh as service_zh, s.name_en as service_en
    from line l
    join accounts a on a.person_id = l.person_id
    join services s on s.id = ${serviceId}
    where l.ahead < ${position}
      and not exists (select 1 from ticket_events e where e.ticket_id = l.id and e.type = 'heads_up')`);
  for (const r of rows) {
    await tx.execute(sql`insert into notifications (account_id, kind, payload) values (${r.account_id}, 'queue.heads_up',
      ${JSON.stringify({ ticketId: r.ticket_id, number: r.number, ahead: r.ahead, serviceNameZh: r.service_zh, serviceNameEn: r.service_en })}::jsonb)`);
    await tx.execute(sql`insert into ticket_events (ticket_id, type, from_status, to_status, reason)
      values (${r.ticket_id}, 'heads_up', 'waiting', 'waiting', ${`${r.ahead} ahead`})`);
  }
  return rows.length;
}
