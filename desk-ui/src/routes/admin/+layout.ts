import { requireSession } from '$lib/require-session';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ url }) => {
  await requireSession(url);
  return {};
};
