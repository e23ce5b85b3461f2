import { sql } from 'drizzle-orm';
import { openSecret, type Db } from '@campus/db';
import type { ControllerTarget } from './transport.ts';

/** Active controllers with their secrets opened, read again after a short while (endpoints and secrets may change). */
export class ControllerTargets {
  private cache = new Map<number, ControllerTarget>();
  private readAt = 0;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly ttlMs = 10_000,
  ) {}

  async all(): Promise<ControllerTarget[]> {
    if (Date.now() - this.readAt > this.ttlMs) await this.refresh();
    return [...this.cache.values()];
  }

  async get(id: number): Promise<ControllerTarget> {
    if (Date.now() - this.readAt > this.ttlMs || !this.cache.has(id)) await this.refresh();
    const target = this.cache.get(id);
    if (!target) throw new Error(`controller ${id} is unknown or disabled`);
    return target;
  }

  async refresh(): Promise<void> {
    const rows = await this.db.execute<{ id: number; code: string; endpoint: string; secret: string }>(
      sql`select id, code, endpoint, secret from controllers where status = 'active' order by id`,
    );
    const next = new Map<number, ControllerTarget>();
    for (const r of rows) {
      // An unreadable secret is reported by the push that needs it, not by every other controller.
      let secret = '';
      try {
        secret = openSecret(r.secret, this.key);
      } catch {
        secret = '';
      }
      next.set(Number(r.id), { id: Number(r.id), code: r.code, endpoint: r.endpoint, secret });
    }
    this.cache = next;
    this.readAt = Date.now();
  }
}
