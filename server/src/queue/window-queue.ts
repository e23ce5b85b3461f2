import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { maskName } from '../common/mask.ts';
import { hallDate } from './hall-day.ts';
import { appointmentDue } from './line-order.ts';

const { accounts, people, serviceMaterials, serviceWindows, services, ticketChecklist, tickets, windowSessions, windows } = schema;

/** What the clerk console shows for a window: its session, current ticket, the line, today's served. */
export async function windowQueue(db: Db, windowId: number, hallTz: string, now: Date) {
  const day = hallDate(hallTz, now);
  const [window] = await db.select({ id: windows.id, number: windows.number, nameZh: windows.nameZh, nameEn: windows.nameEn }).from(windows).where(eq(windows.id, windowId));
  if (!window) return null;
  const servedBy = db.select({ serviceId: serviceWindows.serviceId }).from(serviceWindows).where(eq(serviceWindows.windowId, windowId));
  const ticketColumns = {
    id: tickets.id,
    number: tickets.number,
    status: tickets.status,
    priority: tickets.priority,
    channel: tickets.channel,
    queuedAt: tickets.queuedAt,
    calledAt: tickets.calledAt,
    finishedAt: tickets.finishedAt,
    recallCount: tickets.recallCount,
    serviceId: tickets.serviceId,
    serviceNameZh: services.nameZh,
    serviceNameEn: services.nameEn,
    holderName: people.name,
  };
  const [[session], current, waiting, served] = await Promise.all([
    db
      .select({ id: windowSessions.id, status: windowSessions.status, openedAt: windowSessions.openedAt, clerk: accounts.displayName, accountId: windowSessions.accountId })
      .from(windowSessions)
      .innerJoin(accounts, eq(accounts.id, windowSessions.accountId))
      .where(and(eq(windowSessions.windowId, windowId), sql`${windowSessions.status} <> 'closed'`)),
    db
      .select(ticketColumns)
      .from(tickets)
      .innerJoin(services, eq(services.id, tickets.serviceId))
      .leftJoin(people, eq(people.id, tickets.personId))
      .where(and(eq(tickets.windowId, windowId), inArray(tickets.status, ['called', 'serving']))),
    db
      .select(ticketColumns)
      .from(tickets)
      .innerJoin(services, eq(services.id, tickets.serviceId))
      .leftJoin(people, eq(people.id, tickets.personId))
      .where(and(eq(tickets.hallDate, day), inArray(tickets.status, ['waiting', 'parked']), inArray(tickets.serviceId, servedBy)))
      .orderBy(sql`${appointmentDue('tickets', now)} desc`, desc(tickets.priority), asc(tickets.queuedAt))
      .limit(200),
    db
      .select(ticketColumns)
      .from(tickets)
      .innerJoin(services, eq(services.id, tickets.serviceId))
      .leftJoin(people, eq(people.id, tickets.personId))
      .where(and(eq(tickets.windowId, windowId), eq(tickets.hallDate, day), inArray(tickets.status, ['done', 'materials_missing', 'referred', 'no_show', 'transferred'])))
      .orderBy(desc(tickets.finishedAt))
      .limit(100),
  ]);
  const checklists = current.length
    ? await db
        .select({
          ticketId: ticketChecklist.ticketId,
          materialId: ticketChecklist.materialId,
          checked: ticketChecklist.checked,
          nameZh: serviceMaterials.nameZh,
          nameEn: serviceMaterials.nameEn,
          kind: serviceMaterials.kind,
          required: serviceMaterials.required,
        })
        .from(ticketChecklist)
        .innerJoin(serviceMaterials, eq(serviceMaterials.id, ticketChecklist.materialId))
        .where(inArray(ticketChecklist.ticketId, current.map((c) => c.id)))
        .orderBy(asc(serviceMaterials.position))
    : [];
  const view = ({ holderName, queuedAt, calledAt, finishedAt, ...t }: (typeof current)[number]) => ({
    ...t,
    holder: holderName ? maskName(holderName) : null,
    queuedAt: queuedAt.toISOString(),
    calledAt: calledAt?.toISOString() ?? null,
    finishedAt: finishedAt?.toISOString() ?? null,
  });
  return {
    window,
    session: session ? { id: session.id, status: session.status, openedAt: session.openedAt.toISOString(), clerk: session.clerk, accountId: session.accountId } : null,
    current: current.map((c) => ({ ...view(c), checklist: checklists.filter((k) => k.ticketId === c.id).map(({ ticketId: _t, ...k }) => k) })),
    waiting: waiting.map(view),
    servedToday: served.map(view),
  };
}
