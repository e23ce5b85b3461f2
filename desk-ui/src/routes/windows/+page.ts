import { listSelfServiceMachines, listWindows } from '$lib/api';
import { failLoad } from '$lib/load-error';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const [windowList, machines] = await Promise.all([
    listWindows({ fetch }),
    listSelfServiceMachines({ fetch }),
  ]).catch(failLoad);
  return { windowList, machines };
};
