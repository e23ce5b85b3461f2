import { asc, eq } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import { schema, type Db } from '@campus/db';
import { notFound } from '../common/problem.ts';
import type { Material, ServiceDetail } from './schemas.ts';
import { listWindows } from './window-queries.ts';

const { departments, serviceLinks, serviceMaterials, serviceSteps, serviceWindows, services, windowFamilies } = schema;

export async function getServiceDetail(db: Db, id: number, hallTz: string, now: DateTime): Promise<ServiceDetail> {
  const [service] = await db
    .select({
      s: services,
      family: {
        code: windowFamilies.code,
        nameZh: windowFamilies.nameZh,
        nameEn: windowFamilies.nameEn,
        ticketPrefix: windowFamilies.ticketPrefix,
      },
      department: departments,
    })
    .from(services)
    .innerJoin(windowFamilies, eq(windowFamilies.code, services.familyCode))
    .leftJoin(departments, eq(departments.id, services.departmentId))
    .where(eq(services.id, id));
  if (!service || !service.s.active) throw notFound('service', `No service with id ${id}`);
  const s = service.s;

  const [materials, steps, links, windowRows] = await Promise.all([
    db.select().from(serviceMaterials).where(eq(serviceMaterials.serviceId, id)).orderBy(asc(serviceMaterials.position)),
    db.select().from(serviceSteps).where(eq(serviceSteps.serviceId, id)).orderBy(asc(serviceSteps.position)),
    db.select().from(serviceLinks).where(eq(serviceLinks.serviceId, id)).orderBy(asc(serviceLinks.position)),
    db.select({ windowId: serviceWindows.windowId }).from(serviceWindows).where(eq(serviceWindows.serviceId, id)),
  ]);

  const grouped: ServiceDetail['materials'] = { student: [], staff: [], anyone: [] };
  for (const m of materials) {
    const item: Material = {
      id: m.id,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      kind: m.kind,
      formUrl: m.formUrl,
      required: m.required,
      noteZh: m.noteZh,
      noteEn: m.noteEn,
    };
    grouped[m.applicantType].push(item);
  }

  const d = service.department;
  return {
    id: s.id,
    code: s.code,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    descriptionZh: s.descriptionZh,
    descriptionEn: s.descriptionEn,
    keywords: s.keywords,
    family: service.family,
    feeFen: s.feeFen,
    feeNoteZh: s.feeNoteZh,
    feeNoteEn: s.feeNoteEn,
    department: d ? { nameZh: d.nameZh, nameEn: d.nameEn, phones: d.phones, address: d.address, website: d.website } : null,
    onlineAlternative: s.onlineAltZh ? { textZh: s.onlineAltZh, textEn: s.onlineAltEn, url: s.onlineAltUrl } : null,
    links: links.map((l) => ({ labelZh: l.labelZh, labelEn: l.labelEn, url: l.url })),
    appointmentEnabled: s.appointmentEnabled,
    handlingMinutes: s.handlingMinutes,
    editorialNoteZh: s.editorialNoteZh,
    materials: grouped,
    steps: steps.map((st) => ({
      id: st.id,
      position: st.position,
      textZh: st.textZh,
      textEn: st.textEn,
      applicantType: st.applicantType,
      flowZh: st.flowZh,
      flowEn: st.flowEn,
    })),
    windows: await listWindows(db, hallTz, now, windowRows.map((w) => w.windowId)),
  };
}
