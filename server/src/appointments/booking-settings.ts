import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { appendAudit, readAppointmentRules, schema, type AppointmentRules, type AuditSource, type Db } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';
import { generateSlots } from './slot-generation.ts';

const { appointmentRules, appointmentSlots, appointmentWalkInReserves, services } = schema;

/** The rules an admin may change (every one of `appointment_rules` but its key and clock). */
export type RulesChange = Partial<Omit<AppointmentRules, 'id' | 'updatedAt'>>;

export interface ServiceBookingChange {
  appointmentEnabled?: boolean;
  /** Null: the service's handling minutes. */
  slotMinutes?: number | null;
  /** Null: the hall's rule. */
  perWindowCapacity?: number | null;
}

export interface ReserveRow {
  serviceId: number | null;
  dayPart: 'morning' | 'afternoon';
  seats: number;
}

/** Everything the admin's booking page shows: the rules, the walk-in reserves, every service's booking settings. */
export async function bookingSettings(db: Db) {
  const [rules, reserves, rows] = await Promise.all([
    readAppointmentRules(db),
    db.select().from(appointmentWalkInReserves).orderBy(asc(appointmentWalkInReserves.serviceId), asc(appointmentWalkInReserves.dayPart)),
    db
      .select({
        id: services.id,
        code: services.code,
        nameZh: services.nameZh,
        nameEn: services.nameEn,
        familyCode: services.familyCode,
        appointmentEnabled: services.appointmentEnabled,
        handlingMinutes: services.handlingMinutes,
        slotMinutes: services.slotMinutes,
        perWindowCapacity: services.perWindowCapacity,
      })
      .from(services)
      .where(eq(services.active, true))
      .orderBy(asc(services.sort), asc(services.id)),
  ]);
  return {
    rules: publicRules(rules),
    reserves: reserves.map((r) => ({ serviceId: r.serviceId, dayPart: r.dayPart as ReserveRow['dayPart'], seats: r.seats })),
    services: rows,
  };
}

function publicRules(rules: AppointmentRules) {
  const { id: _id, ...rest } = rules;
  return { ...rest, updatedAt: rules.updatedAt.toISOString() };
}

/** The rules the slot plan is made of; the others (lead time, cutoffs, no-shows, rate…) are read when used. */
const PLANNING_RULES = ['horizonDays', 'perWindowCapacity'] as const;

/**
 * Changes the hall's booking rules (audited). When a rule the plan is made of changed, the slots
 * are planned again: capacities follow the per-window rule, the horizon its days. Seats already
 * given are kept whatever the new capacity.
 */
export async function changeRules(db: Db, hallTz: string, who: AuditSource, change: RulesChange) {
  const planChanged = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(appointmentRules).where(eq(appointmentRules.id, 1)).for('update');
    const [after] = await tx.update(appointmentRules).set({ ...change, updatedAt: new Date() }).where(eq(appointmentRules.id, 1)).returning();
    await appendAudit(tx, who, { action: 'booking.rules_changed', objectType: 'appointment_rules', objectId: 1, before: publicRules(before!), after: publicRules(after!) });
    return PLANNING_RULES.some((k) => before![k] !== after![k]);
  });
  if (planChanged) await replan(db, hallTz, null);
  return bookingSettings(db);
}

/** Turns booking on or off for a service, or changes its slot length or seats per window (audited), and plans its slots again. */
export async function changeServiceBooking(db: Db, hallTz: string, who: AuditSource, serviceId: number, change: ServiceBookingChange) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ appointmentEnabled: services.appointmentEnabled, slotMinutes: services.slotMinutes, perWindowCapacity: services.perWindowCapacity })
      .from(services)
      .where(and(eq(services.id, serviceId), eq(services.active, true)))
      .for('update');
    if (!before) throw notFound('service');
    const [after] = await tx
      .update(services)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(services.id, serviceId))
      .returning({ appointmentEnabled: services.appointmentEnabled, slotMinutes: services.slotMinutes, perWindowCapacity: services.perWindowCapacity });
    await appendAudit(tx, who, { action: 'booking.service_changed', objectType: 'service', objectId: serviceId, before, after: after! });
  });
  await replan(db, hallTz, [serviceId]);
  return bookingSettings(db);
}

/** Replaces the walk-in reserves (every service's and the hall's default) at once (audited), and plans the slots again. */
export async function replaceReserves(db: Db, hallTz: string, who: AuditSource, rows: readonly ReserveRow[]) {
  const keys = rows.map((r) => `${r.serviceId ?? 'hall'}:${r.dayPart}`);
  if (new Set(keys).size !== keys.length) {
    throw new AppError(400, 'duplicate_reserve', 'Each service and day part takes one reserve', 'The list names one service and day part twice.');
  }
  const named = [...new Set(rows.flatMap((r) => (r.serviceId === null ? [] : [r.serviceId])))];
  if (named.length > 0) {
    const known = await db.select({ id: services.id }).from(services).where(inArray(services.id, named));
    const missing = named.filter((id) => !known.some((k) => k.id === id));
    if (missing.length > 0) throw new AppError(400, 'unknown_service', 'A reserve names a service that does not exist', `No service with id ${missing[0]}`);
  }
  const replanFor = await db.transaction(async (tx) => {
    const before = await tx.select().from(appointmentWalkInReserves).for('update');
    await tx.delete(appointmentWalkInReserves);
    if (rows.length > 0) await tx.insert(appointmentWalkInReserves).values(rows.map((r) => ({ serviceId: r.serviceId, dayPart: r.dayPart, seats: r.seats })));
    await appendAudit(tx, who, {
      action: 'booking.reserves_changed',
      objectType: 'appointment_walk_in_reserves',
      before: { reserves: before.map((r) => ({ serviceId: r.serviceId, dayPart: r.dayPart, seats: r.seats })) },
      after: { reserves: rows },
    });
    return changedReserveServices(before.map((r) => ({ serviceId: r.serviceId, dayPart: r.dayPart as ReserveRow['dayPart'], seats: r.seats })), rows);
  });
  if (replanFor === null || replanFor.length > 0) await replan(db, hallTz, replanFor);
  return bookingSettings(db);
}

/**
 * Whose slots a change of reserves touches: null (every service) when the hall's default changed,
 * which any service without its own reserve follows; else the services whose own reserve changed.
 */
export function changedReserveServices(before: readonly ReserveRow[], after: readonly ReserveRow[]): number[] | null {
  const key = (r: Pick<ReserveRow, 'serviceId' | 'dayPart'>) => `${r.serviceId ?? 'hall'}:${r.dayPart}`;
  const seats = (list: readonly ReserveRow[]) => new Map(list.map((r) => [key(r), r.seats]));
  const was = seats(before);
  const now = seats(after);
  const changed = [...new Set([...was.keys(), ...now.keys()])].filter((k) => was.get(k) !== now.get(k));
  if (changed.some((k) => k.startsWith('hall:'))) return null;
  return [...new Set(changed.map((k) => Number(k.split(':')[0])))];
}

/**
 * Plans the future slots again after a change: the slots are withdrawn, then those the new plan
 * offers are written back (offered again, seats kept). A slot the plan no longer has — booking
 * turned off, another slot length — stays withdrawn: its appointments keep their seats and are
 * served, nobody new books it.
 */
async function replan(db: Db, hallTz: string, serviceIds: number[] | null): Promise<void> {
  // One transaction: a student booking meanwhile sees the old plan or the new, never no slots.
  await db.transaction(async (tx) => {
    await tx
      .update(appointmentSlots)
      .set({ withdrawn: true })
      .where(and(gt(appointmentSlots.startsAt, sql`now()`), serviceIds ? inArray(appointmentSlots.serviceId, serviceIds) : undefined));
    await generateSlots(tx, hallTz, serviceIds ? { serviceIds } : {});
  });
}
