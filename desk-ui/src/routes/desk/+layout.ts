import { requireSession } from '$lib/require-session';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ url }) => {
  const me = await requireSession(url);
  return { me };
};
