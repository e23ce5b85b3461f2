import { asc, sql } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';

const { selfServiceMachines, windowFamilies } = schema;

/** The window families in their display order, with their window numbers and how many active services each has. */
export function listFamilies(db: Db) {
  return db
    .select({
      code: windowFamilies.code,
      nameZh: windowFamilies.nameZh,
      nameEn: windowFamilies.nameEn,
      ticketPrefix: windowFamilies.ticketPrefix,
      windows: sql<number[]>`coalesce((select array_agg(w.number order by w.number) from windows w where w.family_code = window_families.code), '{}')`,
      serviceCount: sql<number>`(select count(*)::int from services s where s.family_code = window_families.code and s.active)`,
    })
    .from(windowFamilies)
    .orderBy(asc(windowFamilies.sort));
}

/** The self-service machines in and around the hall, in their display order. */
export function listMachines(db: Db) {
  return db
    .select({
      code: selfServiceMachines.code,
      nameZh: selfServiceMachines.nameZh,
      nameEn: selfServiceMachines.nameEn,
      locationZh: selfServiceMachines.locationZh,
      locationEn: selfServiceMachines.locationEn,
      instructionsZh: selfServiceMachines.instructionsZh,
      instructionsEn: selfServiceMachines.instructionsEn,
      functions: selfServiceMachines.functions,
    })
    .from(selfServiceMachines)
    .orderBy(asc(selfServiceMachines.sort));
}
