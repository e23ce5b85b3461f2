import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  const windowId = Number(params.windowId);
  if (!Number.isSafeInteger(windowId) || windowId < 1 || windowId > 2_147_483_647) {
    error(404, { message: 'window not found', code: 'window_not_found' });
  }
  const { me } = await parent();
  return { windowId, mine: me.windows.some((w) => w.id === windowId) };
};
