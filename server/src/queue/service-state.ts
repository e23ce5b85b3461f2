import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { schema, type Db, type Tx } from '@campus/db';
import { listWindows } from '../catalogue/window-queries.ts';
import type { WindowsCache } from '../catalogue/windows-cache.ts';

const { serviceWindows } = schema;

export interface ServiceAvailability {
  open: boolean;
  /** When closed: the earliest next opening of any window serving it. */
  nextOpensAt: string | null;
  windows: { id: number; number: number }[];
  /** Windows with a clerk at work now (session open, not paused). */
  staffedWindowIds: number[];
}

/**
 * A service is open while any window serving it is within its hours, or while a clerk has a
 * session open on one (overtime, an extra Saturday).
 */
export async function serviceAvailability(db: Db | Tx, serviceId: number, hallTz: string, now: Date, cache?: WindowsCache): Promise<ServiceAvailability> {
  const links = await db.select({ windowId: serviceWindows.windowId }).from(serviceWindows).where(eq(serviceWindows.serviceId, serviceId));
  const ids = links.map((l) => l.windowId);
  if (ids.length === 0) return { open: false, nextOpensAt: null, windows: [], staffedWindowIds: [] };
  // A window's `open` already counts a clerk's open session (overtime) as well as its hours. The
  // cached list (when given) is the one GET /api/windows shows, kept exact by its invalidation.
  const windows = cache
    ? (await cache.windows(now.getTime())).filter((w) => ids.includes(w.id))
    : await listWindows(db as Db, hallTz, DateTime.fromJSDate(now), ids);
  const staffedWindowIds = windows.filter((w) => w.session === 'open').map((w) => w.id);
  const open = windows.some((w) => w.open);
  const next = windows.map((w) => w.nextOpensAt).filter((t): t is string => t !== null).sort()[0] ?? null;
  return { open, nextOpensAt: open ? null : next, windows: windows.map((w) => ({ id: w.id, number: w.number })), staffedWindowIds };
}
