import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type DbHandle } from '@campus/db';
import { DEMO_CONTROLLERS } from '@campus/db/seed';
import { startSimulator, startWorkers, type DoorPipelineOptions, type RunningSimulator, type RunningWorkers } from '@campus/jobs';
import { TEST_REDIS_URL } from './env.ts';
import { deleteRedisPrefix, testRedisPrefix } from './redis.ts';

/**
 * The door pipeline for a test: the demo's two controllers, each on a simulator of its own (its own
 * port, started here), the seeded controllers pointed at them, and a worker process's workers on a
 * Redis prefix of their own, with short back-offs.
 */

const RETENTION = { hallEventsDays: 30, sessionsDays: 7, sessionIdleMinutes: 120, notificationsDays: 30, pruneEveryMinutes: 60 };
export const FAST_DOORS: Partial<DoorPipelineOptions> = { attempts: 6, backoffMs: 100, backoffMaxMs: 1000, pushTimeoutMs: 2000, relayPollMs: 200 };

export interface DoorRig {
  handle: DbHandle;
  sims: Map<string, RunningSimulator>;
  prefix: string;
  redisUrl: string;
  workers: RunningWorkers | undefined;
  startWorkers(doors?: Partial<DoorPipelineOptions>): Promise<RunningWorkers>;
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export async function doorRig(databaseUrl: string, options: { redisUrl?: string; extraControllers?: { code: string; secret: string }[] } = {}): Promise<DoorRig> {
  const handle = createDb(databaseUrl, { max: 4 });
  const prefix = testRedisPrefix();
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const sims = new Map<string, RunningSimulator>();
  for (const c of [...DEMO_CONTROLLERS, ...(options.extraControllers ?? [])]) {
    const sim = await startSimulator({ controllers: [{ code: c.code, secret: c.secret }] });
    sims.set(c.code, sim);
    await handle.db.execute(sql`update controllers set endpoint = ${sim.endpoint(c.code)} where code = ${c.code}`);
  }
  const rig: DoorRig = {
    handle,
    sims,
    prefix,
    redisUrl,
    workers: undefined,
    async startWorkers(doors = {}) {
      rig.workers = await startWorkers({
        redisUrl,
        redisPrefix: prefix,
        databaseUrl,
        hallTz: 'Asia/Shanghai',
        expireEvery: 3600,
        heartbeatEvery: 60,
        reconcileEverySeconds: 3600,
        retention: RETENTION,
        doors: { ...FAST_DOORS, ...doors },
      });
      return rig.workers;
    },
    async stopWorkers() {
      await rig.workers?.close();
      rig.workers = undefined;
    },
    async close() {
      await rig.stopWorkers();
      await Promise.all([...sims.values()].map((s) => s.close()));
      await handle.close();
      await deleteRedisPrefix(prefix, redisUrl);
    },
  };
  return rig;
}

/**
 * Registers hooks that give the enclosing describe block (or file) a door rig on the database
 * `databaseUrl()` names once it exists, with the workers started and the seeded dorm grants
 * delivered to both simulators before the first test.
 */
export function useDoorRig(databaseUrl: () => string): { rig: DoorRig } {
  const holder = {} as { rig: DoorRig };
  beforeAll(async () => {
    holder.rig = await doorRig(databaseUrl());
    await holder.rig.startWorkers();
    await waitUntil(() => converged(holder.rig), 30_000, 'the seeded dorm grants on every simulator');
  }, 60_000);
  afterAll(async () => {
    await holder.rig?.close();
  });
  return holder;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the database intends each controller to hold: card → sorted doors, for the grants not revoked. */
export async function intendedLists(handle: DbHandle): Promise<Map<string, Map<string, string[]>>> {
  const rows = await handle.db.execute<{ controller: string; card_no: string; doors: string[] }>(sql`
    select ctl.code as controller, c.card_no, array_agg(d.code order by d.code) as doors
      from lock_grants g join doors d on d.id = g.door_id join controllers ctl on ctl.id = d.controller_id join cards c on c.id = g.card_id
     where g.revoke_reason is null
     group by ctl.code, c.card_no`);
  const lists = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    const list = lists.get(r.controller) ?? new Map<string, string[]>();
    list.set(r.card_no, r.doors);
    lists.set(r.controller, list);
  }
  return lists;
}

/** A simulator's list in the same shape (its /state, read over HTTP as a person would). */
export async function heldLists(sim: RunningSimulator, code: string): Promise<Map<string, string[]>> {
  const res = await fetch(`${sim.endpoint(code)}/state`);
  const state = (await res.json()) as { cards: { cardNumber: string; doors: string[] }[] };
  return new Map(state.cards.map((c) => [c.cardNumber, [...c.doors].sort()]));
}

export async function cardDoorsOn(sim: RunningSimulator, code: string, cardNo: string): Promise<string[]> {
  return (await heldLists(sim, code)).get(cardNo) ?? [];
}

/** True when every simulator holds exactly what the database intends. */
export async function converged(rig: DoorRig): Promise<boolean> {
  const intended = await intendedLists(rig.handle);
  for (const [code, sim] of rig.sims) {
    const held = await heldLists(sim, code);
    const want = intended.get(code) ?? new Map<string, string[]>();
    if (held.size !== want.size) return false;
    for (const [card, doors] of want) if (JSON.stringify(held.get(card)) !== JSON.stringify(doors)) return false;
  }
  return true;
}
