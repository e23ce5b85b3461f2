import { error } from '@sveltejs/kit';
import { getService } from '$lib/api';
import { failLoad } from '$lib/load-error';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    error(404, { message: 'service not found', code: 'service_not_found' });
  }
  const service = await getService(id, { fetch }).catch(failLoad);
  return { service };
};
