import type { ClientInit } from '@sveltejs/kit';
import { setHallTimeZone } from '@campus/server/client/hall-clock';

/** Before the board shows a time: the hall's zone, from the API (GET /api/hall). Should that fail, the default zone stays until the snapshot names it. */
export const init: ClientInit = async () => {
  try {
    const res = await fetch('/api/hall', { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(3000) });
    const body: unknown = res.ok ? await res.json() : null;
    if (body && typeof body === 'object' && 'timeZone' in body && typeof body.timeZone === 'string') setHallTimeZone(body.timeZone);
  } catch {
    // The default zone stays.
  }
};
