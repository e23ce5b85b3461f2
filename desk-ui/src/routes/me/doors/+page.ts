import { requireSession } from '$lib/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  const me = await requireSession(url);
  return { me };
};
