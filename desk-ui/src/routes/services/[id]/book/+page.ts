import { error } from '@sveltejs/kit';
import { getService, listMyAppointments } from '$lib/api';
import { failLoad } from '$lib/load-error';
import { requireSession } from '$lib/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, url }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    error(404, { message: 'service not found', code: 'service_not_found' });
  }
  const me = await requireSession(url);
  const [service, mine] = await Promise.all([getService(id, { fetch }).catch(failLoad), listMyAppointments({ fetch }).catch(failLoad)]);
  return { me, service, suspension: mine.suspension };
};
