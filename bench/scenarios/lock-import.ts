import { DEV_CONTROLLER_SECRET_KEY, grantDoors, revokeCardDoors, sealSecret, type GrantInput } from '@campus/db';
import { startSimulator } from '@campus/jobs';
import type { BenchContext } from '../lib/context.ts';
import { REDIS_PREFIX, REDIS_URL, first } from '../lib/hall.ts';
import { SERVER_CPU, startProcess } from '../lib/processes.ts';
import type { ScenarioResult } from '../lib/report.ts';

/**
 * lock-import (issue 13): a bulk import of 10,000 door grants across 20 controllers (simulated in
 * this process, one path each), 10 % of pushes failing, pushed by one worker process. Baseline in
 * the same run: a no-op BullMQ worker draining 10,000 jobs of the same shape over 20 queues at the
 * same concurrency. Targets: every grant acknowledged, none applied twice, wall time ≤ 3× the
 * drain, and a lost-card revoke issued mid-import reaching its controllers within 2 s.
 */
const CONTROLLERS = 20;
const CONCURRENCY = 8;
const FAILURE_RATE = 0.1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function noopDrain(ctx: BenchContext, perQueue: number): Promise<number> {
  const proc = ctx.track(
    await startProcess('bench/lib/noop-drain.ts', [String(CONTROLLERS), String(perQueue), String(CONCURRENCY)], {
      env: { REDIS_URL, REDIS_PREFIX },
      cpu: SERVER_CPU,
      ready: /drained in \d+ ms/,
      timeoutMs: 300_000,
    }),
  );
  return Number(/drained in (\d+) ms/.exec(proc.output())![1]);
}

export async function lockImport(ctx: BenchContext): Promise<ScenarioResult> {
  const cards = ctx.quick ? 50 : 500;
  const total = cards * CONTROLLERS;
  const { sql, db } = ctx.handle;
  const tag = Math.random().toString(36).slice(2, 7);
  const codes = Array.from({ length: CONTROLLERS }, (_, i) => `bench-${tag}-${String(i + 1).padStart(2, '0')}`);
  const sim = await startSimulator({ controllers: codes.map((code) => ({ code, secret: `secret-${code}` })) });
  try {
    for (const code of codes) sim.setFaults(code, { failureRate: FAILURE_RATE });
    // The demo's own commands point at simulators this run does not start: out of the way.
    await sql`update door_commands set relayed_at = now() where relayed_at is null`;
    await sql`update controllers set status = 'disabled'`;
    const [building] = await sql<{ id: number }[]>`insert into buildings (code, name_zh, name_en, kind) values (${`B-${tag}`}, '压测楼', 'Bench', 'other') returning id`;
    for (const code of codes) {
      const [ctl] = await sql<{ id: number }[]>`insert into controllers (code, name, building_id, endpoint, secret)
        values (${code}, ${code}, ${building!.id}, ${sim.endpoint(code)}, ${sealSecret(`secret-${code}`, DEV_CONTROLLER_SECRET_KEY)}) returning id`;
      await sql`insert into doors (code, building_id, controller_id, kind, name_zh) values (${`${code}-gate`}, ${building!.id}, ${ctl!.id}, 'gate', '压测门')`;
    }
    const people = await sql<{ id: number }[]>`insert into people (kind, number, name)
      select 'student', ${`L${tag}`} || lpad(i::text, 5, '0'), '压测学生' || i from generate_series(1, ${cards}::int) as i returning id`;
    const cardRows = await sql<{ id: number; card_no: string }[]>`insert into cards (card_no, person_id, type_code)
      select 'L' || ${tag} || lpad(p.i::text, 6, '0'), p.id, 'student' from unnest(${people.map((p) => p.id)}::int[]) with ordinality as p(id, i) returning id, card_no`;
    const doorRows = await sql<{ id: number; code: string }[]>`select d.id, c.code from doors d join controllers c on c.id = d.controller_id where c.code like ${`bench-${tag}-%`} order by c.code`;
    const inputs: GrantInput[] = cardRows.flatMap((c) => doorRows.map((d) => ({ cardId: c.id, doorId: d.id, reason: 'bulk_import' as const })));

    const drainMs = await noopDrain(ctx, cards);
    ctx.log(`lock-import: no-op BullMQ drain of ${total} jobs over ${CONTROLLERS} queues: ${drainMs} ms`);

    const worker = await ctx.startWorker({ env: { DOOR_BACKOFF_MS: '50', DOOR_BACKOFF_MAX_MS: '1000', DOOR_RECONCILE_SECONDS: '86400' } });
    void worker;
    const t0 = performance.now();
    await db.transaction((tx) => grantDoors(tx, inputs));
    const committedMs = performance.now() - t0;

    // Mid-import (a third acknowledged), a card is reported lost: its revoke must reach all 20 controllers in ≤ 2 s.
    const acked = async () => first(await sql<{ n: number }[]>`select count(*)::int as n from lock_grants g join doors d on d.id = g.door_id where d.building_id = ${building!.id} and g.status in ('granted', 'revoked')`).n;
    const midDeadline = performance.now() + 300_000;
    while ((await acked()) < total / 3 && performance.now() < midDeadline) await sleep(50);
    const lost = cardRows[Math.floor(cards * 0.8)]!;
    const revokeStart = performance.now();
    const cut = await db.transaction((tx) => revokeCardDoors(tx, lost.id, 'card_lost'));
    const wantVersion = cut[0]!.version;
    let revokeMs = Infinity;
    for (let i = 0; i < 400; i++) {
      const everywhere = codes.every((code) => sim.list(code).some((e) => e.cardNumber === lost.card_no && e.version >= wantVersion && !e.present));
      if (everywhere) {
        revokeMs = performance.now() - revokeStart;
        break;
      }
      await sleep(10);
    }

    const deadline = performance.now() + 300_000;
    while ((await acked()) < total && performance.now() < deadline) await sleep(100);
    const wallMs = performance.now() - t0;
    const states = await sql<{ status: string; n: number }[]>`select g.status, count(*)::int as n from lock_grants g join doors d on d.id = g.door_id where d.building_id = ${building!.id} group by g.status order by g.status`;
    const stats = codes.map((code) => sim.stats(code));
    const appliedTwice = stats.reduce((a, s) => a + s.appliedTwice, 0);
    const injected = stats.reduce((a, s) => a + s.injectedFailures, 0);
    const pushes = stats.reduce((a, s) => a + s.pushes, 0);
    const lostPresent = codes.filter((code) => sim.state(code).cards.some((c) => c.cardNumber === lost.card_no)).length;
    const heldRight = codes.every((code) => sim.state(code).cards.length === cards - 1);
    const allAcked = states.every((s) => s.status === 'granted' || s.status === 'revoked') && states.reduce((a, s) => a + s.n, 0) === total;
    const ratio = wallMs / drainMs;
    const pass = allAcked && heldRight && appliedTwice === 0 && lostPresent === 0 && ratio <= 3 && revokeMs <= 2000;
    ctx.log(
      `lock-import: ${total} grants acknowledged in ${(wallMs / 1000).toFixed(1)} s (${ratio.toFixed(2)}× the drain); ${pushes} pushes, ${injected} failed on purpose; ` +
        `lost-card revoke on all ${CONTROLLERS} controllers in ${revokeMs.toFixed(0)} ms; applied twice ${appliedTwice}`,
    );
    return {
      name: 'lock-import',
      unit: 'ms',
      figure: wallMs,
      baseline: drainMs,
      ratio,
      target: 'all acknowledged, none applied twice, wall ≤ 3× the no-op drain, lost-card revoke ≤ 2 s',
      pass,
      details: {
        grants: total,
        controllers: CONTROLLERS,
        failureRate: FAILURE_RATE,
        importCommitMs: Math.round(committedMs),
        wallMs: Math.round(wallMs),
        noopDrainMs: drainMs,
        pushes,
        injectedFailures: injected,
        appliedTwice,
        lostCardRevokeMs: Number.isFinite(revokeMs) ? Math.round(revokeMs) : null,
        lostCardStillPresentOn: lostPresent,
        grantStates: Object.fromEntries(states.map((s) => [s.status, s.n])),
        everyControllerHoldsTheRest: heldRight,
      },
    };
  } finally {
    await sim.close();
  }
}
