/**
 * The names behind the ids an audit page mentions: what only the server knows. A ticket is its
 * number, a window its number (its id is not: window id 14 is what everyone calls window 21), an
 * account its username and display name, a material or service its name. The UI turns each entry
 * into a sentence with these.
 */
import { eq, inArray } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { schema, type Db } from '@campus/db';
import { Nullable } from '../common/schemas.ts';

const { accounts, devices, householdCardLoans, notices, people, serviceMaterials, services, tickets, windows } = schema;

const Named = Type.Object({ nameZh: Type.String(), nameEn: Nullable(Type.String()) });

/** Keys are the ids as strings (as audit rows store object ids). */
export const AuditNames = Type.Object({
  tickets: Type.Record(Type.String(), Type.Object({ number: Type.String(), serviceNameZh: Type.String(), serviceNameEn: Nullable(Type.String()) })),
  windows: Type.Record(Type.String(), Type.Object({ number: Type.Integer(), nameZh: Type.String(), nameEn: Nullable(Type.String()) })),
  accounts: Type.Record(Type.String(), Type.Object({ username: Type.String(), displayName: Type.String() })),
  devices: Type.Record(Type.String(), Type.Object({ name: Type.String() })),
  services: Type.Record(Type.String(), Named),
  materials: Type.Record(Type.String(), Named),
  notices: Type.Record(Type.String(), Type.Object({ textZh: Type.String() })),
  loans: Type.Record(Type.String(), Type.Object({ personName: Type.String(), personNumber: Type.String(), ticketNumber: Nullable(Type.String()) })),
});
export type AuditNames = Static<typeof AuditNames>;

export interface AuditRowRefs {
  objectType: string;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SERIAL = 2_147_483_647;

class Wanted {
  tickets = new Set<string>();
  windows = new Set<number>();
  accounts = new Set<number>();
  devices = new Set<number>();
  services = new Set<number>();
  materials = new Set<number>();
  notices = new Set<number>();
  loans = new Set<number>();

  /** Ids are whatever a row holds: only well-formed ones are looked up. */
  id(set: Set<number>, value: unknown) {
    const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_SERIAL) set.add(n);
  }

  uuid(value: unknown) {
    if (typeof value === 'string' && UUID.test(value)) this.tickets.add(value.toLowerCase());
  }
}

const OBJECT_SETS: Record<string, keyof Wanted> = {
  window: 'windows',
  account: 'accounts',
  device: 'devices',
  notice: 'notices',
  household_card_loan: 'loans',
};

/** What a row's before/after summaries refer to, by the key names the server writes. */
function collectSummary(w: Wanted, summary: Record<string, unknown> | null) {
  if (!summary) return;
  w.id(w.windows, summary.windowId);
  w.id(w.services, summary.serviceId);
  w.id(w.accounts, summary.accountId);
  w.id(w.loans, summary.loanId);
  w.uuid(summary.to);
  if (Array.isArray(summary.items)) {
    for (const item of summary.items) if (item && typeof item === 'object') w.id(w.materials, (item as { materialId?: unknown }).materialId);
  }
  if (Array.isArray(summary.missingMaterialIds)) for (const id of summary.missingMaterialIds) w.id(w.materials, id);
}

export async function auditNames(db: Db, rows: readonly AuditRowRefs[]): Promise<AuditNames> {
  const w = new Wanted();
  for (const r of rows) {
    if (r.objectType === 'ticket') w.uuid(r.objectId);
    const set = OBJECT_SETS[r.objectType];
    if (set) w.id(w[set] as Set<number>, r.objectId);
    collectSummary(w, r.before);
    collectSummary(w, r.after);
  }
  const ids = <T>(s: Set<T>) => [...s];
  const [ticketRows, windowRows, accountRows, deviceRows, serviceRows, materialRows, noticeRows, loanRows] = await Promise.all([
    w.tickets.size
      ? db
          .select({ id: tickets.id, number: tickets.number, nameZh: services.nameZh, nameEn: services.nameEn })
          .from(tickets)
          .innerJoin(services, eq(services.id, tickets.serviceId))
          .where(inArray(tickets.id, ids(w.tickets)))
      : [],
    w.windows.size ? db.select({ id: windows.id, number: windows.number, nameZh: windows.nameZh, nameEn: windows.nameEn }).from(windows).where(inArray(windows.id, ids(w.windows))) : [],
    w.accounts.size ? db.select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, ids(w.accounts))) : [],
    w.devices.size ? db.select({ id: devices.id, name: devices.name }).from(devices).where(inArray(devices.id, ids(w.devices))) : [],
    w.services.size ? db.select({ id: services.id, nameZh: services.nameZh, nameEn: services.nameEn }).from(services).where(inArray(services.id, ids(w.services))) : [],
    w.materials.size
      ? db.select({ id: serviceMaterials.id, nameZh: serviceMaterials.nameZh, nameEn: serviceMaterials.nameEn }).from(serviceMaterials).where(inArray(serviceMaterials.id, ids(w.materials)))
      : [],
    w.notices.size ? db.select({ id: notices.id, textZh: notices.textZh }).from(notices).where(inArray(notices.id, ids(w.notices))) : [],
    w.loans.size
      ? db
          .select({ id: householdCardLoans.id, personName: people.name, personNumber: people.number, ticketNumber: tickets.number })
          .from(householdCardLoans)
          .innerJoin(people, eq(people.id, householdCardLoans.personId))
          .leftJoin(tickets, eq(tickets.id, householdCardLoans.ticketId))
          .where(inArray(householdCardLoans.id, ids(w.loans)))
      : [],
  ]);
  const byId = <R extends { id: string | number }, V>(list: readonly R[], value: (r: R) => V) => Object.fromEntries(list.map((r) => [String(r.id), value(r)]));
  return {
    tickets: byId(ticketRows, (r) => ({ number: r.number, serviceNameZh: r.nameZh, serviceNameEn: r.nameEn })),
    windows: byId(windowRows, (r) => ({ number: r.number, nameZh: r.nameZh, nameEn: r.nameEn })),
    accounts: byId(accountRows, (r) => ({ username: r.username, displayName: r.displayName })),
    devices: byId(deviceRows, (r) => ({ name: r.name })),
    services: byId(serviceRows, (r) => ({ nameZh: r.nameZh, nameEn: r.nameEn })),
    materials: byId(materialRows, (r) => ({ nameZh: r.nameZh, nameEn: r.nameEn })),
    notices: byId(noticeRows, (r) => ({ textZh: r.textZh })),
    loans: byId(loanRows, (r) => ({ personName: r.personName, personNumber: r.personNumber, ticketNumber: r.ticketNumber })),
  };
}
