import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit, recordTicketEvents, schema, type Db, type Tx } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { AppError } from '../common/problem.ts';
import type { ClerkContext } from './clerk-actions.ts';
import { assertTransition } from './transitions.ts';
import { lockTicketAtMyWindow } from './window-sessions.ts';

const { accounts, clerkWindows, serviceMaterials, serviceWindows, services, ticketChecklist, tickets } = schema;

export interface TransferRequest {
  serviceId?: number | undefined;
  windowId?: number | undefined;
  accountId?: number | undefined;
  note: string;
  /** The clerk saw that no window the ticket would wait for is staffed now, and transfers anyway. */
  confirmClosed?: boolean | undefined;
}

/**
 * Refuses a transfer to a line no clerk staffs now (no open or paused session at any window the new
 * ticket could be called at), unless the clerk confirmed it: the holder would wait for nobody.
 */
async function assertTargetStaffed(tx: Tx, serviceId: number, req: TransferRequest): Promise<void> {
  if (req.confirmClosed) return;
  const targets = await tx.execute<{ number: number; staffed: boolean }>(sql`
    select w.number, exists (select 1 from window_sessions ws where ws.window_id = w.id and ws.status <> 'closed') as staffed
    from service_windows sw join windows w on w.id = sw.window_id
    where sw.service_id = ${serviceId}
      and (${req.windowId ?? null}::int is null or w.id = ${req.windowId ?? null}::int)
      and (${req.accountId ?? null}::int is null or exists (select 1 from clerk_windows cw where cw.account_id = ${req.accountId ?? null}::int and cw.window_id = w.id))
    order by w.number`);
  if (targets.some((t) => t.staffed)) return;
  const numbers = targets.map((t) => t.number);
  throw new AppError(
    409,
    'transfer_target_closed',
    'No clerk is at the window this ticket would wait for',
    `Window ${numbers.join(', ')} is closed now; confirm to transfer anyway, and the ticket waits until it opens.`,
    undefined,
    { windowNumbers: numbers },
  );
}

/**
 * Sends the holder on: a new ticket for the other service/window (optionally for a named clerk) that
 * keeps the number and the original issue time as its place in line, and links back to the original
 * so the next clerk sees the history and notes.
 */
export async function transfer(db: Db, ctx: ClerkContext, ticketId: string, req: TransferRequest): Promise<{ id: string; number: string }> {
  return db.transaction(async (tx) => {
    const row = await lockTicketAtMyWindow(tx, ticketId, ctx);
    assertTransition('transfer', row.status);
    const serviceId = req.serviceId ?? row.serviceId;
    const [service] = await tx.select({ id: services.id, active: services.active }).from(services).where(eq(services.id, serviceId));
    if (!service?.active) throw new AppError(400, 'invalid_transfer', 'No such service to transfer to');
    if (req.windowId !== undefined) {
      const [link] = await tx.select().from(serviceWindows).where(and(eq(serviceWindows.serviceId, serviceId), eq(serviceWindows.windowId, req.windowId)));
      if (!link) throw new AppError(400, 'invalid_transfer', 'That window does not serve this service');
    }
    if (req.accountId !== undefined) {
      const windowsOfService = tx.select({ windowId: serviceWindows.windowId }).from(serviceWindows).where(eq(serviceWindows.serviceId, serviceId));
      const [clerk] = await tx
        .select({ id: accounts.id })
        .from(clerkWindows)
        .innerJoin(accounts, eq(accounts.id, clerkWindows.accountId))
        .where(and(eq(clerkWindows.accountId, req.accountId), inArray(clerkWindows.windowId, windowsOfService)));
      if (!clerk) throw new AppError(400, 'invalid_transfer', 'That clerk does not serve this service');
    }
    await assertTargetStaffed(tx, serviceId, req);
    const now = new Date();
    await tx.update(tickets).set({ status: 'transferred', finishedAt: now, finishedBy: ctx.accountId, updatedAt: now }).where(eq(tickets.id, row.id));
    const [created] = await tx
      .insert(tickets)
      .values({
        hallDate: row.hallDate,
        prefix: row.prefix,
        seq: row.seq,
        number: row.number,
        serviceId,
        windowId: req.windowId ?? null,
        assignedAccountId: req.accountId ?? null,
        personId: row.personId,
        applicantType: row.applicantType,
        channel: 'transfer',
        priority: row.priority,
        queuedAt: row.queuedAt,
        issuedAt: now,
        note: [row.note, req.note].filter(Boolean).join('\n'),
        transferredFromId: row.id,
      })
      .returning({ id: tickets.id });
    const newId = created!.id;
    // The new service's checklist; items already ticked for the same material stay ticked.
    const ticked = await tx.select({ materialId: ticketChecklist.materialId }).from(ticketChecklist).where(and(eq(ticketChecklist.ticketId, row.id), eq(ticketChecklist.checked, true)));
    const tickedIds = new Set(ticked.map((t) => t.materialId));
    const types = row.applicantType === 'anyone' ? (['anyone', 'student', 'staff'] as const) : (['anyone', row.applicantType] as const);
    const materials = await tx
      .select({ id: serviceMaterials.id })
      .from(serviceMaterials)
      .where(and(eq(serviceMaterials.serviceId, serviceId), inArray(serviceMaterials.applicantType, [...types])))
      .orderBy(asc(serviceMaterials.position));
    if (materials.length) await tx.insert(ticketChecklist).values(materials.map((m) => ({ ticketId: newId, materialId: m.id, checked: tickedIds.has(m.id) })));
    await recordTicketEvents(tx, [
      { ticketId: row.id, type: 'transferred', fromStatus: row.status, toStatus: 'transferred', actorAccountId: ctx.accountId, windowId: row.windowId, reason: req.note },
      // No reason text: the history follows transferred_from_id and shows the note once, in words.
      { ticketId: newId, type: 'issued', toStatus: 'waiting', actorAccountId: ctx.accountId, windowId: req.windowId ?? null },
    ]);
    await appendAudit(tx, ctx, {
      action: 'ticket.transferred',
      objectType: 'ticket',
      objectId: row.id,
      before: { status: row.status },
      after: { status: 'transferred', to: newId, serviceId, windowId: req.windowId ?? null, accountId: req.accountId ?? null },
    });
    await appendEvent(tx, 'ticket.transferred', { ticketId: newId, fromTicketId: row.id, number: row.number, serviceId });
    return { id: newId, number: row.number };
  });
}
