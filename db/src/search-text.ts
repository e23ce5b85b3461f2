import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';
import { services } from './schema/index.ts';

/**
 * Recomputes what the service finder searches besides name and keywords: description, English name,
 * materials and steps. Call after any change to a service or its materials/steps.
 */
export async function refreshServiceSearchText(db: Db | Tx, serviceIds: number[]): Promise<void> {
  if (serviceIds.length === 0) return;
  await db
    .update(services)
    .set({
      searchText: sql`concat_ws(' ',
        ${services.descriptionZh},
        ${services.nameEn},
        (select string_agg(m.name_zh || ' ' || m.name_en, ' ') from service_materials m where m.service_id = ${services.id}),
        (select string_agg(st.text_zh, ' ') from service_steps st where st.service_id = ${services.id}),
        ${services.onlineAltZh})`,
    })
    .where(inArray(services.id, serviceIds));
}
