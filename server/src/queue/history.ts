import { sql } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Db } from '@campus/db';
import { Nullable } from '../common/schemas.ts';

const HistoryEntry = Type.Object({
  ticketId: Type.String(),
  /** The number of the entry's ticket (a transfer keeps the number). */
  ticketNumber: Type.String(),
  at: Type.String({ format: 'date-time' }),
  type: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  /** The number people know the window by (not its id). */
  windowNumber: Nullable(Type.Integer()),
  /** Display name of the account that acted (staff, or the holder). */
  clerk: Nullable(Type.String()),
  /** Who acted: the ticket's own holder, a member of staff, a kiosk, or the system (expiry). */
  actor: Type.Union([Type.Literal('holder'), Type.Literal('staff'), Type.Literal('device'), Type.Literal('system')]),
  /** The entry's ticket's service: after a transfer, the new ticket's is where it was sent. */
  serviceId: Type.Integer(),
  serviceNameZh: Type.String(),
  serviceNameEn: Nullable(Type.String()),
  /** How the entry's ticket was taken: kiosk, online, appointment, or transfer (sent on by a clerk). */
  channel: Type.String(),
  /**
   * Words a person typed: the reason for calling out of order, a park or transfer note, a checklist
   * override. Never text the system writes for itself (ids, "closing time"…): that is no reading.
   */
  reason: Nullable(Type.String()),
});

export const TicketHistory = Type.Object({
  notes: Nullable(Type.String()),
  entries: Type.Array(HistoryEntry),
});

export type HistoryEntry = Static<typeof HistoryEntry>;

/** Transitions whose `reason` is typed by a clerk; every other reason is the system's own. */
const TYPED_REASONS = ['called', 'parked', 'transferred', 'finished'];

/**
 * A ticket's whole story, following transfers back to the first ticket: every transition with
 * when, where and by whom, and the notes the clerks left. What the next clerk reads before serving.
 */
export async function ticketHistory(db: Db, ticketId: string): Promise<Static<typeof TicketHistory>> {
  const entries = await db.execute<HistoryEntry & Record<string, unknown>>(sql`
    with recursive chain(id, transferred_from_id) as (
      select id, transferred_from_id from tickets where id = ${ticketId}
      union all
      select t.id, t.transferred_from_id from tickets t join chain c on t.id = c.transferred_from_id
    )
    select e.ticket_id as "ticketId", t.number as "ticketNumber",
      to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, e.type,
      e.from_status as "fromStatus", e.to_status as "toStatus", w.number as "windowNumber", a.display_name as clerk,
      case
        when e.actor_account_id is not null and a.person_id is not null and a.person_id = t.person_id then 'holder'
        when e.actor_account_id is not null then 'staff'
        when e.device_id is not null then 'device'
        else 'system'
      end as actor,
      s.id as "serviceId", s.name_zh as "serviceNameZh", s.name_en as "serviceNameEn", t.channel,
      case when e.type in (${sql.join(TYPED_REASONS.map((r) => sql`${r}`), sql`, `)}) then nullif(btrim(e.reason), '') end as reason
    from ticket_events e
    join chain c on c.id = e.ticket_id
    join tickets t on t.id = e.ticket_id
    join services s on s.id = t.service_id
    left join windows w on w.id = e.window_id
    left join accounts a on a.id = e.actor_account_id
    where e.type <> 'heads_up'
    order by e.at, e.id`);
  const [row] = await db.execute<{ note: string | null }>(sql`select note from tickets where id = ${ticketId}`);
  return { notes: row?.note ?? null, entries: [...entries] };
}
