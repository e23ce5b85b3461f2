import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import {
  cardTypes,
  departments,
  selfServiceMachines,
  serviceLinks,
  serviceMaterials,
  serviceSteps,
  serviceWindows,
  services,
  windowFamilies,
  windowHours,
  windows,
} from '../schema/index.ts';
import type { Catalogue, ServiceSeed, WindowSeed } from './catalogue-types.ts';
import { refreshServiceSearchText } from '../search-text.ts';

export interface CatalogueSeedResult {
  windowsAdded: number;
  servicesAdded: number;
}

/**
 * Inserts whatever part of the catalogue is missing, keyed by stable codes and window numbers.
 * Rows that exist are left alone, so re-running never duplicates and never overwrites an admin's edits.
 */
export async function seedCatalogue(db: Db, catalogue: Catalogue): Promise<CatalogueSeedResult> {
  return db.transaction(async (tx) => {
    // Serialise concurrent seeders (api and worker processes starting together).
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);

    await tx
      .insert(windowFamilies)
      .values(catalogue.families.map((f) => ({ ...f })))
      .onConflictDoNothing();

    const departmentIds = await seedDepartments(tx, catalogue);
    const windowIds = new Map<number, number>();
    let windowsAdded = 0;
    for (const w of catalogue.windows) {
      const { id, added } = await seedWindow(tx, w, departmentIds);
      windowIds.set(w.number, id);
      if (added) windowsAdded++;
    }

    let servicesAdded = 0;
    for (const [index, s] of catalogue.services.entries()) {
      if (await seedService(tx, s, index, departmentIds, windowIds, catalogue)) servicesAdded++;
    }

    await tx
      .insert(selfServiceMachines)
      .values(catalogue.selfServiceMachines.map((m, sort) => ({ ...m, sort })))
      .onConflictDoNothing();
    await tx
      .insert(cardTypes)
      .values(catalogue.cardTypes.map((c) => ({ ...c })))
      .onConflictDoNothing();

    return { windowsAdded, servicesAdded };
  });
}

async function seedDepartments(tx: Tx, catalogue: Catalogue): Promise<Map<string, number>> {
  // Parents first, so children can point at them.
  const ordered = [...catalogue.departments].sort((a, b) => Number(!!a.parentCode) - Number(!!b.parentCode));
  for (const d of ordered) {
    const parent = d.parentCode
      ? await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, d.parentCode))
      : [];
    await tx
      .insert(departments)
      .values({
        code: d.code,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        parentId: parent[0]?.id ?? null,
        phones: d.phones ?? [],
        address: d.address ?? null,
        website: d.website ?? null,
      })
      .onConflictDoNothing();
  }
  const rows = await tx.select({ id: departments.id, code: departments.code }).from(departments);
  return new Map(rows.map((r) => [r.code, r.id]));
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`catalogue seed: unknown ${what} ${String(key)}`);
  return value;
}

async function seedWindow(
  tx: Tx,
  w: WindowSeed,
  departmentIds: Map<string, number>,
): Promise<{ id: number; added: boolean }> {
  const inserted = await tx
    .insert(windows)
    .values({
      number: w.number,
      nameZh: w.nameZh,
      nameEn: w.nameEn,
      familyCode: w.family,
      departmentId: required(departmentIds, w.departmentCode, 'department'),
      phone: w.phone ?? null,
      location: w.location ?? null,
      keywords: w.keywords,
      hoursNoteZh: w.hoursNoteZh ?? null,
      hoursNoteEn: w.hoursNoteEn ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: windows.id });
  if (inserted[0]) {
    const id = inserted[0].id;
    const hours = w.hours.flatMap((rule) =>
      rule.weekdays.map((weekday) => ({ windowId: id, weekday, opens: rule.opens, closes: rule.closes })),
    );
    if (hours.length > 0) await tx.insert(windowHours).values(hours);
    return { id, added: true };
  }
  const existing = await tx.select({ id: windows.id }).from(windows).where(eq(windows.number, w.number));
  return { id: existing[0]!.id, added: false };
}

async function seedService(
  tx: Tx,
  s: ServiceSeed,
  sort: number,
  departmentIds: Map<string, number>,
  windowIds: Map<number, number>,
  catalogue: Catalogue,
): Promise<boolean> {
  const firstWindow = catalogue.windows.find((w) => w.number === s.windows[0]);
  if (!firstWindow) throw new Error(`catalogue seed: service ${s.code} names no known window`);
  const inserted = await tx
    .insert(services)
    .values({
      code: s.code,
      familyCode: firstWindow.family,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      descriptionZh: s.descriptionZh ?? '',
      descriptionEn: s.descriptionEn ?? '',
      keywords: s.keywords,
      feeFen: s.feeFen,
      feeNoteZh: s.feeNoteZh ?? null,
      feeNoteEn: s.feeNoteEn ?? null,
      departmentId: required(departmentIds, s.departmentCode ?? firstWindow.departmentCode, 'department'),
      onlineAltZh: s.onlineAlternative?.textZh ?? null,
      onlineAltEn: s.onlineAlternative?.textEn ?? null,
      onlineAltUrl: s.onlineAlternative?.url ?? null,
      appointmentEnabled: s.appointmentEnabled,
      handlingMinutes: s.handlingMinutes,
      editorialNoteZh: s.editorialNoteZh ?? null,
      sort,
    })
    .onConflictDoNothing()
    .returning({ id: services.id });
  const serviceId = inserted[0]?.id;
  if (serviceId === undefined) return false;

  await tx
    .insert(serviceWindows)
    .values(s.windows.map((n) => ({ serviceId, windowId: required(windowIds, n, 'window') })));
  if (s.materials.length > 0) {
    await tx.insert(serviceMaterials).values(
      s.materials.map((m, position) => ({
        serviceId,
        position,
        nameZh: m.nameZh,
        nameEn: m.nameEn,
        kind: m.kind,
        formUrl: m.formUrl ?? null,
        required: m.required ?? true,
        applicantType: m.applicantType ?? 'anyone',
        noteZh: m.noteZh ?? null,
        noteEn: m.noteEn ?? null,
      })),
    );
  }
  if (s.steps.length > 0) {
    await tx.insert(serviceSteps).values(
      s.steps.map((step, position) => ({
        serviceId,
        position,
        textZh: step.textZh,
        textEn: step.textEn,
        applicantType: step.applicantType ?? 'anyone',
        flowZh: step.flowZh ?? null,
        flowEn: step.flowEn ?? null,
      })),
    );
  }
  if (s.links && s.links.length > 0) {
    await tx.insert(serviceLinks).values(s.links.map((l, position) => ({ serviceId, position, ...l })));
  }
  await refreshServiceSearchText(tx, [serviceId]);
  return true;
}
