import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { positionOf } from './position.ts';
import type { IssuedTicket } from './issue.ts';
import type { Ticket } from './schemas.ts';
import { ACTIVE_STATUSES } from './transitions.ts';
import { isUnavailable } from '../common/unavailable.ts';

const { serviceMaterials, tickets, windows } = schema;

export type TicketRow = typeof tickets.$inferSelect;

/** How long a route keeps trying to read back what it has just committed while Postgres is away. */
const READ_BACK_MS = 4000;

/**
 * A ticket's view read right after its change committed. If Postgres drops the connection now (a
 * restart), the change is in and the caller must not be told it failed — a kiosk would print a
 * second ticket — so the read is tried again for a few seconds before giving up with a 503.
 */
export async function committedTicketView(db: Db, id: string, rules: TicketRules): Promise<Ticket> {
  const deadline = Date.now() + READ_BACK_MS;
  for (;;) {
    try {
      return await ticketView(db, (await loadTicketRow(db, id))!, rules);
    } catch (err) {
      if (!isUnavailable(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * A ticket just issued, as its holder sees it: everything but its place in line is known from the
 * issue itself (a waiting ticket, nothing called, missing or rated yet), so only the place in line
 * is read back after the commit — retried like committedTicketView's read. One query per issue's
 * answer instead of three.
 */
export async function issuedTicketView(db: Db, issued: IssuedTicket): Promise<Ticket> {
  const deadline = Date.now() + READ_BACK_MS;
  let position: Awaited<ReturnType<typeof positionOf>>;
  for (;;) {
    try {
      position = await positionOf(db, issued.id, new Date());
      break;
    } catch (err) {
      if (!isUnavailable(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    id: issued.id,
    number: issued.number,
    status: 'waiting',
    service: issued.service,
    windows: issued.windows,
    window: null,
    priority: issued.priority,
    channel: issued.channel,
    ...placeInLine(position),
    issuedAt: issued.issuedAt.toISOString(),
    calledAt: null,
    finishedAt: null,
    missingMaterials: [],
    transferredTo: null,
    rejoinUntil: null,
    rated: false,
  };
}

/** A ticket's place as its page shows it: nobody ahead, no wait and no window once it left the line. */
function placeInLine(position: Awaited<ReturnType<typeof positionOf>>): Pick<Ticket, 'ahead' | 'estimatedWaitMinutes' | 'openWindows'> {
  return { ahead: position?.ahead ?? 0, estimatedWaitMinutes: position?.estimatedWaitMinutes ?? 0, openWindows: position?.openWindows ?? 0 };
}

export async function loadTicketRow(db: Db, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

/** The queue rules a ticket's view depends on (from the config). */
export interface TicketRules {
  /** How long after a no-show the holder may rejoin. */
  rejoinGraceMinutes: number;
}

/** Until when a no-show may rejoin the line, or null when it is not (or no longer) possible. */
function rejoinUntil(row: Pick<TicketRow, 'status' | 'finishedAt'>, rules: TicketRules, now = new Date()): Date | null {
  if (row.status !== 'no_show' || !row.finishedAt) return null;
  const until = new Date(row.finishedAt.getTime() + rules.rejoinGraceMinutes * 60_000);
  return until > now ? until : null;
}

/** What the holder (and the ticket page) sees: number, status, place in line, outcome. No personal data. */
export async function ticketView(db: Db, row: TicketRow, rules: TicketRules): Promise<Ticket> {
  const [[about], calledAt, position, missing, successor] = await Promise.all([
    // The service, the windows serving it and whether the holder has rated: one round trip.
    db.execute<{ id: number; name_zh: string; name_en: string; windows: number[]; rated: boolean }>(sql`
      select s.id, s.name_zh, s.name_en,
        coalesce((select array_agg(w.number order by w.number) from service_windows sw join windows w on w.id = sw.window_id where sw.service_id = s.id), '{}') as windows,
        exists (select 1 from ticket_feedback f where f.ticket_id = ${row.id}::uuid) as rated
      from services s where s.id = ${row.serviceId}`),
    row.windowId ? db.select({ id: windows.id, number: windows.number }).from(windows).where(eq(windows.id, row.windowId)) : Promise.resolve([]),
    // The wall clock: a holder's page is read on no request's clock.
    positionOf(db, row.id, new Date()),
    row.missingMaterialIds?.length
      ? db
          .select({ id: serviceMaterials.id, nameZh: serviceMaterials.nameZh, nameEn: serviceMaterials.nameEn })
          .from(serviceMaterials)
          .where(inArray(serviceMaterials.id, row.missingMaterialIds))
      : Promise.resolve([]),
    row.status === 'transferred' ? db.select({ id: tickets.id }).from(tickets).where(eq(tickets.transferredFromId, row.id)) : Promise.resolve([]),
  ]);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    service: { id: Number(about!.id), nameZh: about!.name_zh, nameEn: about!.name_en },
    windows: about!.windows.map(Number),
    window: calledAt[0] ?? null,
    priority: row.priority,
    channel: row.channel,
    ...placeInLine(position),
    issuedAt: row.issuedAt.toISOString(),
    calledAt: row.calledAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    missingMaterials: missing,
    transferredTo: successor[0]?.id ?? null,
    rejoinUntil: rejoinUntil(row, rules)?.toISOString() ?? null,
    rated: about!.rated,
  };
}

/** A person's tickets of `today` (hall-local date), newest first, plus any older one still active. */
export async function myTicketRows(db: Db, personId: number, today: string): Promise<TicketRow[]> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.personId, personId), eq(tickets.hallDate, today)))
    .orderBy(desc(tickets.issuedAt));
  const older = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.personId, personId), inArray(tickets.status, [...ACTIVE_STATUSES])));
  // A transferred ticket lives on in the ticket the transfer made: list the visit once.
  const all = [...rows, ...older.filter((o) => !rows.some((r) => r.id === o.id))].filter((t) => t.status !== 'transferred');
  return all;
}
