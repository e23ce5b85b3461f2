import type { FastifyRequest } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import { schema, type Db, type Tx, appendAudit, type AuditActor, recordTicketEvents } from '@campus/db';
import { appendEvent } from '../events/hall-events.ts';
import { accountOf } from '../common/access.ts';
import { auditActor } from '../common/audit.ts';
import { hallDate } from './hall-day.ts';
import { AppError } from '../common/problem.ts';
import { assertTransition, type TicketAction, type TicketStatus } from './transitions.ts';
import { lockTicketAtMyWindow, windowNumber, type TicketRow } from './window-sessions.ts';
import { isLoanService, lendForTicket, type LoanTerms } from '../loans/loans.ts';

const { serviceMaterials, ticketChecklist, tickets } = schema;

export interface ClerkContext {
  accountId: number;
  /** Hall-local date. */
  today: string;
  /** Windows the clerk is assigned to. */
  windowIds: readonly number[];
  actor: AuditActor;
  ip: string;
  requestId: string;
}

/** The clerk behind a request, as the queue actions need it. */
export function clerkContextOf(request: FastifyRequest): ClerkContext {
  const me = accountOf(request.actor)!;
  return {
    accountId: me.accountId,
    today: hallDate(request.server.config.hallTz),
    windowIds: me.windowIds,
    actor: auditActor(request.actor),
    ip: request.ip,
    requestId: String(request.id),
  };
}

async function record(tx: Tx, row: TicketRow, ctx: ClerkContext, type: string, to: TicketStatus, reason?: string | null, after?: Record<string, unknown>) {
  await recordTicketEvents(tx, {
    ticketId: row.id,
    type,
    fromStatus: row.status,
    toStatus: to,
    actorAccountId: ctx.accountId,
    windowId: row.windowId,
    reason: reason ?? null,
  });
  await appendAudit(tx, ctx, {
    action: `ticket.${type}`,
    objectType: 'ticket',
    objectId: row.id,
    before: { status: row.status },
    after: { status: to, ...after },
  });
}

async function act(db: Db, ticketId: string, ctx: ClerkContext, action: TicketAction, apply: (tx: Tx, row: TicketRow, windowNo: number) => Promise<void>) {
  await db.transaction(async (tx) => {
    const row = await lockTicketAtMyWindow(tx, ticketId, ctx);
    assertTransition(action, row.status);
    await apply(tx, row, await windowNumber(tx, row.windowId!));
  });
}

/** Announce the called number again (counted). */
export const recall = (db: Db, ticketId: string, ctx: ClerkContext) =>
  act(db, ticketId, ctx, 'recall', async (tx, row, windowNo) => {
    const recallCount = row.recallCount + 1;
    await tx.update(tickets).set({ recallCount, updatedAt: new Date() }).where(eq(tickets.id, row.id));
    await record(tx, row, ctx, 'recalled', 'called', null, { recallCount });
    await appendEvent(tx, 'ticket.recalled', { ticketId: row.id, number: row.number, windowId: row.windowId!, windowNumber: windowNo, recallCount });
  });

/** The holder arrived at the window. */
export const start = (db: Db, ticketId: string, ctx: ClerkContext) =>
  act(db, ticketId, ctx, 'start', async (tx, row, windowNo) => {
    const now = new Date();
    await tx.update(tickets).set({ status: 'serving', startedAt: now, updatedAt: now }).where(eq(tickets.id, row.id));
    await record(tx, row, ctx, 'started', 'serving');
    await appendEvent(tx, 'ticket.started', { ticketId: row.id, number: row.number, windowId: row.windowId!, windowNumber: windowNo });
  });

/** The called holder did not come. */
export const noShow = (db: Db, ticketId: string, ctx: ClerkContext) =>
  act(db, ticketId, ctx, 'no_show', async (tx, row, windowNo) => {
    const now = new Date();
    await tx.update(tickets).set({ status: 'no_show', finishedAt: now, finishedBy: ctx.accountId, updatedAt: now }).where(eq(tickets.id, row.id));
    await record(tx, row, ctx, 'no_show', 'no_show');
    await appendEvent(tx, 'ticket.no_show', { ticketId: row.id, number: row.number, windowId: row.windowId!, windowNumber: windowNo });
  });

export interface FinishRequest {
  outcome: 'done' | 'materials_missing' | 'referred';
  /** Window 8's household-card loan: purpose and due date, required when it is finished as done. */
  loan?: LoanTerms | undefined;
  overrideReason?: string | undefined;
  missingMaterialIds?: number[] | undefined;
  note?: string | undefined;
}

/**
 * Finishes a ticket. `done` with a required checklist item unticked is refused unless the clerk gives
 * an override reason; `materials_missing` records what was missing (by default the unticked required
 * items), which the holder then sees on the ticket page.
 */
export const finish = (db: Db, ticketId: string, ctx: ClerkContext, req: FinishRequest) =>
  act(db, ticketId, ctx, 'finish', async (tx, row, windowNo) => {
    const checklist = await tx
      .select({ materialId: ticketChecklist.materialId, checked: ticketChecklist.checked, required: serviceMaterials.required, nameZh: serviceMaterials.nameZh })
      .from(ticketChecklist)
      .innerJoin(serviceMaterials, eq(serviceMaterials.id, ticketChecklist.materialId))
      .where(eq(ticketChecklist.ticketId, row.id));
    const unticked = checklist.filter((c) => c.required && !c.checked);
    if (req.outcome === 'done' && unticked.length > 0 && !req.overrideReason?.trim()) {
      throw new AppError(409, 'checklist_incomplete', 'Required materials are not ticked', `Missing: ${unticked.map((c) => c.nameZh).join('、')}`);
    }
    let missing: number[] | null = null;
    if (req.outcome === 'materials_missing') {
      missing = req.missingMaterialIds?.length ? req.missingMaterialIds : unticked.map((c) => c.materialId);
      const known = new Set(checklist.map((c) => c.materialId));
      if (missing.length === 0 || missing.some((id) => !known.has(id))) {
        throw new AppError(400, 'invalid_missing_materials', 'Name the missing materials from this ticket’s checklist');
      }
    }
    const now = new Date();
    await tx
      .update(tickets)
      .set({
        status: req.outcome,
        finishedAt: now,
        finishedBy: ctx.accountId,
        missingMaterialIds: missing,
        checklistOverrideReason: req.outcome === 'done' && unticked.length > 0 ? req.overrideReason!.trim() : null,
        note: req.note ?? row.note,
        updatedAt: now,
      })
      .where(eq(tickets.id, row.id));
    let loanId: number | null = null;
    if (req.outcome === 'done' && (await isLoanService(tx, row.serviceId))) {
      loanId = await lendForTicket(tx, row, ctx.accountId, req.loan, ctx.today);
    }
    await record(tx, row, ctx, 'finished', req.outcome, req.overrideReason ?? null, { outcome: req.outcome, missingMaterialIds: missing, loanId });
    await appendEvent(tx, 'ticket.finished', { ticketId: row.id, number: row.number, windowId: row.windowId!, windowNumber: windowNo, outcome: req.outcome });
  });

/** Ticks or unticks checklist items of a ticket the clerk is handling. */
export async function updateChecklist(db: Db, ticketId: string, ctx: ClerkContext, items: { materialId: number; checked: boolean }[]) {
  await db.transaction(async (tx) => {
    const row = await lockTicketAtMyWindow(tx, ticketId, ctx);
    if (!['called', 'serving'].includes(row.status)) throw new AppError(409, 'illegal_transition', 'The checklist can change only while the ticket is at the window');
    const ids = items.map((i) => i.materialId);
    const existing = ids.length
      ? await tx.select({ materialId: ticketChecklist.materialId }).from(ticketChecklist).where(and(eq(ticketChecklist.ticketId, row.id), inArray(ticketChecklist.materialId, ids)))
      : [];
    if (existing.length !== new Set(ids).size) throw new AppError(400, 'unknown_material', 'An item is not on this ticket’s checklist');
    const now = new Date();
    for (const item of items) {
      await tx
        .update(ticketChecklist)
        .set({ checked: item.checked, checkedBy: ctx.accountId, checkedAt: now })
        .where(and(eq(ticketChecklist.ticketId, row.id), eq(ticketChecklist.materialId, item.materialId)));
    }
    await appendAudit(tx, ctx, {
      action: 'ticket.checklist_updated',
      objectType: 'ticket',
      objectId: row.id,
      after: { items },
    });
  });
}
