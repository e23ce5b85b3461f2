import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { waitingInFamily, type Db, type Tx } from '@campus/db';
import { listWindows } from '../catalogue/window-queries.ts';
import type { BoardNotice, BoardSnapshot, WindowState, WindowTopicSnapshot } from '../client/live/protocol.ts';
import type { Ticket } from '../queue/schemas.ts';
import { ticketView, type TicketRow, type TicketRules } from '../queue/ticket-view.ts';

/** How many of today's calls and recalls a board snapshot carries. */
export const RECENT_CALLS = 10;

export type { BoardSnapshot, BoardWindow, WindowState, WindowTopicSnapshot } from '../client/live/protocol.ts';

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

/**
 * Everything the lobby board shows, read in one repeatable-read snapshot together with the last
 * event sequence it reflects: events after `seq` apply on top of it exactly. No personal data.
 */
export async function boardSnapshot(db: Db, hallTz: string): Promise<{ seq: number; data: BoardSnapshot }> {
  return db.transaction(
    async (tx) => {
      // The first statement fixes the transaction's snapshot; the sequence and the data agree.
      const seq = await latestSeq(tx);
      const now = DateTime.now().setZone(hallTz);
      const dayStart = now.startOf('day').toISO()!;
      const [windows, current, families, calls, notices] = await Promise.all([
        listWindows(tx, hallTz, now),
        tx.execute<{ window_id: number; number: string; status: 'called' | 'serving'; called_at: string | null }>(sql`
          select distinct on (window_id) window_id, number, status, called_at
          from tickets where status in ('called', 'serving') and window_id is not null
          order by window_id, called_at desc nulls last`),
        tx.execute<{ code: string; name_zh: string; name_en: string; ticket_prefix: string; waiting: number }>(sql`
          select f.code, f.name_zh, f.name_en, f.ticket_prefix, ${waitingInFamily(sql`f.code`)} as waiting
          from window_families f order by f.sort, f.code`),
        tx.execute<{ type: string; payload: { number: string; windowId: number; windowNumber: number; appointment?: boolean }; created_at: string }>(sql`
          select type, payload, created_at from hall_events
          where created_at >= ${dayStart}::timestamptz and type in ('ticket.called', 'ticket.recalled')
          order by seq desc limit ${RECENT_CALLS}`),
        activeNotices(tx),
      ]);
      const currentOf = new Map(current.map((c) => [c.window_id, c]));
      const data: BoardSnapshot = {
        now: now.toISO()!,
        timeZone: hallTz,
        windows: windows
          .filter((w) => w.status !== 'retired')
          .map((w) => {
            const c = currentOf.get(w.id);
            return {
              id: w.id,
              number: w.number,
              nameZh: w.nameZh,
              nameEn: w.nameEn,
              familyCode: w.family.code,
              state: w.session ?? 'closed',
              suspended: w.status === 'suspended',
              current: c ? { number: c.number, status: c.status, calledAt: iso(c.called_at) } : null,
              closesAt: w.closesAt,
              nextOpensAt: w.nextOpensAt,
            };
          }),
        families: families.map((f) => ({ code: f.code, nameZh: f.name_zh, nameEn: f.name_en, ticketPrefix: f.ticket_prefix, waiting: f.waiting })),
        recentCalls: calls.map((e) => ({
          number: e.payload.number,
          windowId: e.payload.windowId,
          windowNumber: e.payload.windowNumber,
          at: iso(e.created_at)!,
          recall: e.type === 'ticket.recalled',
          ...(e.payload.appointment ? { appointment: true } : {}),
        })),
        notices,
      };
      return { seq, data };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Notices that have not ended, in the order they started; boards show those already started. */
export async function activeNotices(db: Db | Tx): Promise<BoardNotice[]> {
  const rows = await db.execute<{ id: number; text_zh: string; text_en: string | null; starts_at: string; ends_at: string | null }>(sql`
    select id, text_zh, text_en, starts_at, ends_at from notices
    where ends_at is null or ends_at > now() order by starts_at, id`);
  return rows.map((n) => ({ id: n.id, textZh: n.text_zh, textEn: n.text_en, startsAt: iso(n.starts_at)!, endsAt: iso(n.ends_at) }));
}

/** The latest event sequence committed; read before the data a snapshot carries, so no later event is lost. */
export async function latestSeq(db: Db | Tx): Promise<number> {
  const [row] = await db.execute<{ seq: string | number }>(sql`select coalesce(max(seq), 0) as seq from hall_events`);
  return Number(row!.seq);
}

export async function windowSnapshot(db: Db, windowId: number): Promise<{ seq: number; data: WindowTopicSnapshot } | null> {
  const seq = await latestSeq(db);
  const [row] = await db.execute<{ number: number; session: WindowState | null }>(sql`
    select w.number, (select s.status::text from window_sessions s where s.window_id = w.id and s.status <> 'closed' limit 1) as session
    from windows w where w.id = ${windowId}`);
  if (!row) return null;
  return { seq, data: { windowId, windowNumber: row.number, state: row.session ?? 'closed' } };
}

export async function ticketSnapshot(db: Db, row: TicketRow, rules: TicketRules): Promise<{ seq: number; data: Ticket }> {
  const seq = await latestSeq(db);
  return { seq, data: await ticketView(db, row, rules) };
}
