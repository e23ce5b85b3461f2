import type { ClientInit } from '@sveltejs/kit';
import { setHallTimeZone } from '@campus/server/client/hall-clock';
import { getHall } from '$lib/api';

/** Before anything shows a time: the hall's zone, from the API. Should that fail, the default zone stays. */
export const init: ClientInit = async () => {
  try {
    setHallTimeZone((await getHall({ signal: AbortSignal.timeout(3000) })).timeZone);
  } catch {
    // Times then follow the default zone, the server's own default.
  }
};
