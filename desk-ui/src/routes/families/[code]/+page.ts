import { error } from '@sveltejs/kit';
import { listAllServices, listFamilies, listWindows } from '$lib/api';
import { failLoad } from '$lib/load-error';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, depends }) => {
  depends('api:windows');
  const [families, windowList, services] = await Promise.all([
    listFamilies({ fetch }),
    listWindows({ fetch }),
    listAllServices({ family: params.code }, { fetch }),
  ]).catch(failLoad);

  const family = families.find((f) => f.code === params.code);
  if (!family) error(404, { message: 'family not found', code: 'family_not_found' });

  const windows = windowList.windows.filter((w) => w.family.code === family.code && w.status !== 'retired');
  return { family, windows, services };
};
