import { requireSession } from '$lib/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  await requireSession(url);
  return {};
};
