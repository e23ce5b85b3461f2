import fp from 'fastify-plugin';
import { DateTime } from 'luxon';
import type { Db } from '@campus/db';
import { listWindows } from './window-queries.ts';
import type { WindowSummary } from './schemas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    windowsCache: WindowsCache;
  }
}

/** However quiet the hall, the list is read again this often (a notification lost while the listening connection was down). */
const MAX_AGE_MS = 5_000;

/** Session routes: `/api/windows/:id/session(s)`; a change there opens, pauses or closes a window. */
const SESSION_ROUTE = /^\/api\/windows\/\d+\/sessions?(\/|\?|$)/;

/**
 * The window list every phone, kiosk and TV reads (`GET /api/windows`), computed once per change
 * instead of per request: four queries and the hours rules otherwise. A cached list holds until
 * the earliest of
 * - a change to what it is made of (`windows_changed`, notified by Postgres on commit to every
 *   process) — and at once for this process's own session requests;
 * - the next moment a window's open state changes by its hours (a closing or an opening time), or
 *   the hall's next midnight (today's hours are shown);
 * - MAX_AGE_MS, should a notification be lost (the listening connection down).
 */
export class WindowsCache {
  private generation = 0;
  private entry: { generation: number; until: number; windows: WindowSummary[]; json: string | null } | null = null;
  private filling: { generation: number; promise: Promise<WindowSummary[]> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly hallTz: string,
  ) {}

  invalidate(): void {
    this.generation += 1;
  }

  /**
   * The list as JSON, serialized once per cached list by `serialize` (the route's schema
   * serializer, so the bytes are those the schema allows).
   */
  async json(now: number, serialize: (windows: WindowSummary[]) => string): Promise<string> {
    const windows = await this.windows(now);
    const entry = this.entry;
    if (entry?.windows !== windows) return serialize(windows);
    return (entry.json ??= serialize(windows));
  }

  /** The list as of `now` (epoch milliseconds): a hit costs a comparison, no date arithmetic. */
  async windows(now: number = Date.now()): Promise<WindowSummary[]> {
    const entry = this.entry;
    if (entry && entry.generation === this.generation && now < entry.until) return entry.windows;
    // Concurrent misses share one read.
    if (this.filling?.generation === this.generation) return this.filling.promise;
    const generation = this.generation;
    const at = DateTime.fromMillis(now).setZone(this.hallTz);
    const promise = listWindows(this.db, this.hallTz, at).then(
      (windows) => {
        // A change while reading leaves the next request to read again.
        this.entry = { generation, until: validUntil(windows, at), windows, json: null };
        return windows;
      },
    );
    this.filling = { generation, promise };
    try {
      return await promise;
    } finally {
      if (this.filling?.promise === promise) this.filling = null;
    }
  }
}

/** The earliest moment one of these windows opens or closes by its hours, capped at the next midnight and MAX_AGE_MS. */
export function validUntil(windows: readonly WindowSummary[], now: DateTime): number {
  let until = Math.min(now.toMillis() + MAX_AGE_MS, now.startOf('day').plus({ days: 1 }).toMillis());
  for (const w of windows) {
    for (const at of [w.closesAt, w.nextOpensAt]) {
      if (!at) continue;
      const ms = DateTime.fromISO(at).toMillis();
      if (ms > now.toMillis()) until = Math.min(until, ms);
    }
  }
  return until;
}

export default fp(
  async (app) => {
    const cache = new WindowsCache(app.db, app.config.hallTz);
    app.decorate('windowsCache', cache);
    // Every change to windows, hours, closures, sessions, families or departments, by any process
    // or by hand, is announced by a trigger (migration 0007) once it commits.
    let listening: { unlisten(): Promise<void> } | null = null;
    app.addHook('onReady', async () => {
      listening = await app.pg.sql.listen('windows_changed', () => cache.invalidate(), () => cache.invalidate()).catch((err: unknown) => {
        app.log.warn({ err }, 'cannot listen for window changes; the window list refreshes every few seconds');
        return null;
      });
    });
    app.addHook('onClose', async () => {
      await listening?.unlisten().catch(() => {});
    });
    // This process's own session changes: before the answer leaves, so the clerk's next read sees
    // them without waiting for the notification.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400 && SESSION_ROUTE.test(request.url)) cache.invalidate();
      return payload;
    });
  },
  { name: 'windows-cache', dependencies: ['db'] },
);
